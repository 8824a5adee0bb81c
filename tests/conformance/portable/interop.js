'use strict';
// Portable values exchanged between the official Node.js client and ours through the member at argv[2].
//   node portable/interop.js <address> put    writes node-* entries (portable/types.js, factory id 1)
//   node portable/interop.js <address> check  reads the dotnet-* entries our client wrote, compares them with the same
//                                             values built here, and queries their Portable fields through the member.
// Exits non-zero, with the differences on stderr, when anything differs.
const { Client, Predicates } = require('hazelcast-client');
const types = require('./types');

function plain(v) {
    if (v === null || v === undefined) return null;
    if (types.Long.isLong(v)) return v.toString();
    if (Array.isArray(v)) return v.map(plain);
    if (typeof v === 'object') {
        const name = v.constructor && v.constructor.name;
        if (['BigDecimal', 'LocalDate', 'LocalTime', 'LocalDateTime', 'OffsetDateTime'].includes(name)) return v.toString();
        const out = {};
        for (const k of Object.keys(v).sort()) out[k] = plain(v[k]);
        return out;
    }
    return v;
}

const expected = {
    employee: new types.Employee('Ann', 34, new types.Address('Paris', 75001), [new types.Address('Lyon', 69001)]),
    temporal: types.temporal(),
    versioned: new types.Versioned(types.Long.fromNumber(5)),
    prims: Object.assign(new types.Prims(), { b: 127, z: true, c: 'A', h: -2, f: 1.5, x: -0.25, ia: [1, 2], sa: null, ns: null }),
};

(async () => {
    const [address, mode] = process.argv.slice(2);
    const client = await Client.newHazelcastClient({
        clusterName: 'dev',
        network: { clusterMembers: [address] },
        serialization: { portableFactories: { [types.FACTORY_ID]: types.factory } },
        properties: { 'hazelcast.logging.level': 'ERROR', 'hazelcast.client.statistics.enabled': false },
    });
    const map = await client.getMap('portable-interop');
    const employees = await client.getMap('portable-employees');
    const failures = [];
    if (mode === 'put') {
        for (const [name, value] of Object.entries(expected)) await map.set(`node-${name}`, value);
        await employees.set('node-ann', expected.employee);
        await employees.set('node-tim', new types.Employee('Tim', 17, new types.Address('Nice', 6000), []));
    } else if (mode === 'check') {
        for (const [name, value] of Object.entries(expected)) {
            const actual = await map.get(`dotnet-${name}`);
            const a = JSON.stringify(plain(actual));
            const e = JSON.stringify(plain(value));
            if (a !== e) failures.push(`dotnet-${name}:\n  expected ${e}\n  actual   ${a}`);
        }
        // The member evaluates Node's predicates on the Portable fields our client wrote.
        const adults = await employees.keySetWithPredicate(Predicates.greaterThan('age', 18));
        if (JSON.stringify(adults.sort()) !== JSON.stringify(['dotnet-bob', 'node-ann'])) failures.push(`age > 18: ${JSON.stringify(adults)}`);
        const parisians = await employees.keySetWithPredicate(Predicates.equal('address.city', 'Paris'));
        if (JSON.stringify(parisians.sort()) !== JSON.stringify(['dotnet-bob', 'node-ann'])) failures.push(`address.city = Paris: ${JSON.stringify(parisians)}`);
        const fromLyon = await employees.keySetWithPredicate(Predicates.sql("previous[any].city = 'Lyon'"));
        if (JSON.stringify(fromLyon.sort()) !== JSON.stringify(['dotnet-bob', 'node-ann'])) failures.push(`previous[any].city = Lyon: ${JSON.stringify(fromLyon)}`);
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
