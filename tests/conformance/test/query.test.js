'use strict';
// The official client's predicates and queries against our member: every built-in predicate over a known data set.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { Predicates, HazelcastJsonValue } = require('hazelcast-client');
const { useCluster, uniqueName } = require('./support/member');

const T = { timeout: 60_000 };
const { newClient } = useCluster();

const people = Array.from({ length: 500 }, (_, i) => ({ id: i, age: i % 80, name: `name-${i}`, city: i % 3 === 0 ? 'Paris' : 'Berlin' }));

async function loadPeople() {
    const client = await newClient();
    const map = await client.getMap(uniqueName('people'));
    await map.putAll(people.map((p) => [p.id, new HazelcastJsonValue(JSON.stringify(p))]));
    return map;
}

const ids = (entries) => entries.map(([k]) => Number(k)).sort((a, b) => a - b);
const expected = (filter) => people.filter(filter).map((p) => p.id).sort((a, b) => a - b);

test('JSON attribute predicates return exactly the matching entries', T, async () => {
    const map = await loadPeople();
    const cases = [
        [Predicates.greaterThan('age', 18), (p) => p.age > 18],
        [Predicates.greaterEqual('age', 18), (p) => p.age >= 18],
        [Predicates.lessThan('age', 10), (p) => p.age < 10],
        [Predicates.lessEqual('age', 10), (p) => p.age <= 10],
        [Predicates.equal('city', 'Paris'), (p) => p.city === 'Paris'],
        [Predicates.notEqual('city', 'Paris'), (p) => p.city !== 'Paris'],
        [Predicates.between('age', 20, 30), (p) => p.age >= 20 && p.age <= 30],
        [Predicates.inPredicate('age', 1, 2, 3), (p) => [1, 2, 3].includes(p.age)],
        [Predicates.like('name', 'name-1%'), (p) => p.name.startsWith('name-1')],
        [Predicates.ilike('name', 'NAME-2_'), (p) => /^name-2.$/.test(p.name)],
        [Predicates.regex('name', 'name-4[0-9]'), (p) => /^name-4[0-9]$/.test(p.name)],
        [Predicates.and(Predicates.equal('city', 'Berlin'), Predicates.lessThan('age', 5)), (p) => p.city === 'Berlin' && p.age < 5],
        [Predicates.or(Predicates.equal('age', 0), Predicates.equal('age', 79)), (p) => p.age === 0 || p.age === 79],
        [Predicates.not(Predicates.greaterThan('age', 3)), (p) => !(p.age > 3)],
        [Predicates.sql("age > 70 AND city = 'Paris'"), (p) => p.age > 70 && p.city === 'Paris'],
        [Predicates.sql('age BETWEEN 10 AND 12 OR name IN (\'name-1\', \'name-2\')'), (p) => (p.age >= 10 && p.age <= 12) || ['name-1', 'name-2'].includes(p.name)],
        [Predicates.alwaysTrue(), () => true],
        [Predicates.alwaysFalse(), () => false],
    ];
    for (const [predicate, filter] of cases) {
        assert.deepEqual(ids(await map.entrySetWithPredicate(predicate)), expected(filter), String(predicate));
    }
    assert.equal((await map.keySetWithPredicate(Predicates.lessThan('age', 10))).length, expected((p) => p.age < 10).length);
    assert.equal((await map.valuesWithPredicate(Predicates.equal('city', 'Paris'))).toArray().length, expected((p) => p.city === 'Paris').length);
});

test('__key and this address the key and a primitive value', T, async () => {
    const client = await newClient();
    const map = await client.getMap(uniqueName('primitives'));
    await map.putAll(Array.from({ length: 100 }, (_, i) => [`k${i}`, `v${i}`]));
    assert.deepEqual((await map.keySetWithPredicate(Predicates.equal('this', 'v7'))), ['k7']);
    assert.deepEqual((await map.valuesWithPredicate(Predicates.equal('__key', 'k9'))).toArray(), ['v9']);
    assert.equal((await map.keySetWithPredicate(Predicates.like('__key', 'k1%'))).length, 11);
});

test('paging predicates page forward and back with the anchors the member returns', T, async () => {
    const client = await newClient();
    const students = await client.getMap(uniqueName('students'));
    await students.putAll(Array.from({ length: 97 }, (_, i) => [i, new HazelcastJsonValue(JSON.stringify({ name: `s${i}`, age: 10 + (i % 20) }))]));
    const expectedKeys = Array.from({ length: 97 }, (_, i) => i).filter((i) => 10 + (i % 20) > 18); // 52: five pages of 10 and one of 2
    const paging = Predicates.paging(Predicates.greaterThan('age', 18), 10);
    const pages = [];
    for (;;) {
        const page = await students.keySetWithPredicate(paging);
        if (page.length === 0) break;
        pages.push(page.map(Number));
        paging.nextPage();
    }
    assert.deepEqual(pages.map((p) => p.length), [10, 10, 10, 10, 10, 2]);
    assert.deepEqual(pages.flat(), expectedKeys);
    paging.setPage(2);
    assert.deepEqual((await students.keySetWithPredicate(paging)).map(Number), pages[2]);
    paging.previousPage();
    assert.deepEqual((await students.keySetWithPredicate(paging)).map(Number), pages[1]);
    const values = Predicates.paging(Predicates.alwaysTrue(), 50);
    assert.equal((await students.valuesWithPredicate(values)).toArray().length, 50);
});

test('an entry listener with a predicate sees only the matching entries', T, async () => {
    const client = await newClient();
    const map = await client.getMap(uniqueName('listened'));
    const seen = [];
    let done;
    const finished = new Promise((resolve) => { done = resolve; });
    await map.addEntryListenerWithPredicate({
        added: (e) => { seen.push(e.key); if (e.key === 'last') done(); },
    }, Predicates.greaterThan('this', 10), undefined, true);
    await map.set('small', 1);
    await map.set('big', 100);
    await map.set('last', 11);
    await Promise.race([finished, new Promise((_, reject) => setTimeout(() => reject(new Error('no event for "last"')), 5000))]);
    assert.deepEqual(seen, ['big', 'last']);
});

test('removeAll(predicate) removes exactly the matching entries, each with a REMOVED event', T, async () => {
    const map = await loadPeople();
    const removed = [];
    await map.addEntryListener({ removed: (e) => removed.push(Number(e.key)) }, undefined, false);
    await map.removeAll(Predicates.lessThan('age', 10));
    const left = await map.entrySet();
    assert.deepEqual(ids(left), expected((p) => p.age >= 10));
    const deadline = Date.now() + 5000;
    while (removed.length < expected((p) => p.age < 10).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual([...removed].sort((a, b) => a - b), expected((p) => p.age < 10));
});

test('a JSON attribute the document lacks reads as null, as on a real member', T, async () => {
    const client = await newClient();
    const map = await client.getMap(uniqueName('nulls'));
    await map.put('one', new HazelcastJsonValue('{"a":1}'));
    await map.put('null', new HazelcastJsonValue('{"a":null}'));
    await map.put('missing', new HazelcastJsonValue('{"b":2}'));
    const keys = async (p) => (await map.keySetWithPredicate(p)).sort();
    assert.deepEqual(await keys(Predicates.equal('a', null)), ['missing', 'null']);
    assert.deepEqual(await keys(Predicates.notEqual('a', 1)), ['missing', 'null']);
    assert.deepEqual(await keys(Predicates.greaterThan('a', 0)), ['one']);
});

test('indexes of every kind, bitmap options included, are accepted and answer queries', T, async () => {
    const client = await newClient();
    const map = await client.getMap(uniqueName('indexed'));
    const entries = [];
    for (let i = 1; i <= 30; i++) entries.push([i, new HazelcastJsonValue(JSON.stringify({ id: i, tier: `t${i % 3}`, age: i }))]);
    await map.putAll(entries);
    await map.addIndex({ type: 'SORTED', attributes: ['this.age'] });
    await map.addIndex({ type: 'HASH', name: 'by-tier', attributes: ['tier'] });
    await map.addIndex({ type: 'BITMAP', attributes: ['tier'], bitmapIndexOptions: { uniqueKey: 'id', uniqueKeyTransformation: 'LONG' } });
    assert.equal((await map.keySetWithPredicate(Predicates.equal('tier', 't1'))).length, 10);
    assert.deepEqual((await map.keySetWithPredicate(Predicates.greaterThan('age', 27))).sort((a, b) => a - b), [28, 29, 30]);
    // The official client refuses a composite bitmap index before sending it (synchronously).
    assert.throws(() => map.addIndex({ type: 'BITMAP', attributes: ['a', 'b'] }), /Composite bitmap indexes are not supported/);
});
