'use strict';
// Compact values exchanged between the official Node.js client and ours through the member at argv[2].
//   node compact/interop.js <address> put    writes node-* entries (Node's explicit serializers, compact/types.js)
//   node compact/interop.js <address> check  reads the dotnet-* entries our client wrote and compares them with the
//                                            same values built here; also queries Compact fields through the member.
// Exits non-zero, with the differences on stderr, when anything differs.
const { Client, Predicates } = require('hazelcast-client');
const types = require('./types');

// Plain JSON for comparison: longs and decimals as strings, dates and times as ISO-like strings, buffers as arrays.
function plain(v) {
    if (v === null || v === undefined) return null;
    if (types.Long.isLong(v)) return v.toString();
    if (Buffer.isBuffer(v)) return [...v].map(b => (b << 24) >> 24);
    if (Array.isArray(v)) return v.map(plain);
    if (typeof v === 'object') {
        const name = v.constructor && v.constructor.name;
        if (name === 'BigDecimal') return v.toString();
        if (['LocalDate', 'LocalTime', 'LocalDateTime', 'OffsetDateTime'].includes(name)) return v.toString();
        const out = {};
        for (const k of Object.keys(v).sort()) out[k] = plain(v[k]);
        return out;
    }
    if (typeof v === 'number' && Object.is(v, -0)) return 0;
    return v;
}

const expected = {
    student: new types.Student('Ada', 42),
    person: new types.Person('Grace', new types.Address('Arlington', 22201), [new types.Address('New York', 10001), null]),
    allkinds: types.allKinds(),
    allnull: types.allNull(),
};

(async () => {
    const [address, mode] = process.argv.slice(2);
    const client = await Client.newHazelcastClient({
        clusterName: 'dev',
        network: { clusterMembers: [address] },
        serialization: { compact: { serializers: types.serializers } },
        properties: { 'hazelcast.logging.level': 'ERROR', 'hazelcast.client.statistics.enabled': false },
    });
    const map = await client.getMap('compact-interop');
    const failures = [];
    // Queries run on maps whose values all have the queried field: compact-people (persons), compact-students.
    const people = await client.getMap('compact-people');
    const students = await client.getMap('compact-students');
    if (mode === 'put') {
        for (const [name, value] of Object.entries(expected)) await map.set(`node-${name}`, value);
        await people.set('node-person', expected.person);
        await students.set('node-student', expected.student);
        await students.set('node-minor', new types.Student('Tim', 12));
    } else if (mode === 'check') {
        for (const [name, value] of Object.entries(expected)) {
            const actual = await map.get(`dotnet-${name}`);
            const a = JSON.stringify(plain(actual));
            const e = JSON.stringify(plain(value));
            if (a !== e) failures.push(`dotnet-${name}:\n  expected ${e}\n  actual   ${a}`);
        }
        // The member evaluates Node's predicates on the Compact fields our client wrote.
        const arlington = (await people.valuesWithPredicate(Predicates.equal('address.city', 'Arlington'))).toArray();
        if (arlington.length !== 2 || arlington.some(p => p.name !== 'Grace')) failures.push(`address.city = Arlington: ${JSON.stringify(plain(arlington))}`);
        const movedFromNewYork = await people.keySetWithPredicate(Predicates.equal('previous[any].city', 'New York'));
        if (movedFromNewYork.length !== 2) failures.push(`previous[any].city = New York: ${JSON.stringify(movedFromNewYork)}`);
        const adults = await students.keySetWithPredicate(Predicates.greaterThan('age', 18));
        if (JSON.stringify(adults.sort()) !== JSON.stringify(['dotnet-student', 'node-student'])) failures.push(`age > 18: ${JSON.stringify(adults)}`);
    } else {
        throw new Error(`unknown mode ${mode}`);
    }
    await client.shutdown();
    if (failures.length > 0) {
        console.error(failures.join('\n'));
        process.exit(2);
    }
    console.log('OK');
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
