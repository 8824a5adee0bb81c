'use strict';

// Values and volume: JSON values, UTF-8 edge cases, 10,000 keys, a 1 MiB value, 1,000 concurrent operations.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { HazelcastJsonValue } = require('hazelcast-client');
const { useCluster, uniqueName } = require('./support/member');

const cluster = useCluster();
let client;

before(async () => {
    client = await cluster.newClient();
});

const T = { timeout: 30_000 };

test('HazelcastJsonValue round-trips (type -130): as a HazelcastJsonValue, or parsed with the default EAGER policy', T, async () => {
    const name = uniqueName('json');
    // The 5.7.0 client's default jsonStringDeserializationPolicy is EAGER: a -130 value comes back JSON.parse'd.
    // With NO_DESERIALIZATION it comes back as a HazelcastJsonValue holding the exact string.
    const raw = await cluster.newClient({ serialization: { jsonStringDeserializationPolicy: 'NO_DESERIALIZATION' } });
    const rawMap = await raw.getMap(name);
    const map = await client.getMap(name);

    const json = '{"age":18}';
    assert.equal(await rawMap.put('person', new HazelcastJsonValue(json)), null);
    const back = await rawMap.get('person');
    assert.ok(back instanceof HazelcastJsonValue, `expected a HazelcastJsonValue, got ${back?.constructor?.name}`);
    assert.equal(back.toString(), json);
    assert.deepEqual(await map.get('person'), { age: 18 }, 'the EAGER client parses the JSON');

    // The previous value of a put is a JSON value too; a JSON key works; containsValue compares the JSON string.
    const nested = '{"name":"你好","tags":["a","😀"],"n":1.5,"ok":true,"none":null}';
    const previous = await rawMap.put('person', new HazelcastJsonValue(nested));
    assert.ok(previous instanceof HazelcastJsonValue);
    assert.equal(previous.toString(), json);
    assert.equal(await rawMap.containsValue(new HazelcastJsonValue(nested)), true);
    assert.deepEqual(await map.get('person'), JSON.parse(nested));
    await rawMap.set(new HazelcastJsonValue('{"id":1}'), 'by json key');
    assert.equal(await rawMap.get(new HazelcastJsonValue('{"id":1}')), 'by json key');
    const entries = new Map((await rawMap.entrySet()).map(([k, v]) => [k.toString(), v.toString()]));
    assert.deepEqual(entries, new Map([['person', nested], ['{"id":1}', 'by json key']]));
});

const UTF8_CASES = {
    cjk: '你好世界',
    emoji: '😀🎉',
    combining: 'e\u0301',
    empty: '',
    long: (() => {
        const pieces = ['a', 'é', '你', '😀', 'e\u0301', '\u0000', ' ', 'ß', '\uFFFD', '𝄞', 'Ω', '\n'];
        let s = '';
        for (let i = 0; s.length < 10_000; i++) s += pieces[(i * 7 + (i >> 3)) % pieces.length];
        return s.slice(0, 10_000).replace(/[\uD800-\uDBFF]$/, 'x'); // do not end in half a surrogate pair
    })(),
};

test('UTF-8 edge cases round-trip exactly as keys and values', T, async () => {
    const map = await client.getMap(uniqueName('utf8'));
    assert.equal(UTF8_CASES.long.length, 10_000);
    for (const [label, s] of Object.entries(UTF8_CASES)) {
        assert.equal(await map.put(s, s), null, `${label}: new key`);
        assert.equal(await map.get(s), s, `${label}: get returns the same string`);
        assert.equal(await map.containsKey(s), true, `${label}: containsKey`);
        assert.equal(await map.containsValue(s), true, `${label}: containsValue`);
        assert.equal(await map.put(s, `${s}|${label}`), s, `${label}: previous value`);
    }
    // NFC "é" (U+00E9) and "e" + combining acute are different keys.
    assert.equal(await map.get('\u00e9'), null);
    assert.equal(await map.size(), Object.keys(UTF8_CASES).length);
    const entries = new Map(await map.entrySet());
    for (const [label, s] of Object.entries(UTF8_CASES)) {
        assert.equal(entries.get(s), `${s}|${label}`, `${label}: entrySet has it exactly`);
    }
    assert.deepEqual([...await map.keySet()].sort(), Object.values(UTF8_CASES).sort());
    const all = new Map(await map.getAll(Object.values(UTF8_CASES)));
    assert.equal(all.size, Object.keys(UTF8_CASES).length);
    for (const [label, s] of Object.entries(UTF8_CASES)) assert.equal(all.get(s), `${s}|${label}`);
});

test('10,000 keys: setAll/putAll, size, getAll, keySet', T, async () => {
    const count = 10_000;
    const entries = Array.from({ length: count }, (_, i) => [`key-${i}`, i]);
    const keys = entries.map(([k]) => k);
    const setAllMap = await client.getMap(uniqueName('tenk-setall'));
    const putAllMap = await client.getMap(uniqueName('tenk-putall'));
    await Promise.all([setAllMap.setAll(entries), putAllMap.putAll(entries.map(([k, v]) => [k, `v${v}`]))]);

    assert.equal(await setAllMap.size(), count);
    assert.equal(await putAllMap.size(), count);

    const all = await setAllMap.getAll(keys);
    assert.equal(all.length, count);
    const byKey = new Map(all);
    assert.equal(byKey.size, count);
    for (const [k, v] of entries) {
        if (byKey.get(k) !== v) assert.fail(`getAll: ${k} is ${byKey.get(k)}, expected ${v}`);
    }
    const keySet = await putAllMap.keySet();
    assert.equal(keySet.length, count);
    assert.equal(new Set(keySet).size, count);
    assert.deepEqual([...keySet].sort(), [...keys].sort());
    const values = await putAllMap.values();
    assert.equal(values.size(), count);
    assert.equal(await putAllMap.get('key-9999'), 'v9999');
});

test('a 1 MiB value round-trips byte-exactly', T, async () => {
    const map = await client.getMap(uniqueName('big'));
    // Deterministic pseudo-random bytes (xorshift32), so a failure is reproducible.
    const value = Buffer.alloc(1_048_576);
    let x = 0x9e3779b9;
    for (let i = 0; i < value.length; i++) {
        x ^= x << 13; x >>>= 0;
        x ^= x >>> 17;
        x ^= x << 5; x >>>= 0;
        value[i] = x & 0xff;
    }
    const digest = crypto.createHash('sha256').update(value).digest('hex');
    assert.equal(await map.put('big', value), null);
    const back = await map.get('big');
    assert.ok(Buffer.isBuffer(back), `expected a Buffer, got ${back?.constructor?.name}`);
    assert.equal(back.length, value.length);
    assert.equal(crypto.createHash('sha256').update(back).digest('hex'), digest);
    assert.ok(back.equals(value));
    // And back again as the previous value of a put, and through getAll/entrySet.
    const previous = await map.put('big', Buffer.from('small'));
    assert.ok(Buffer.isBuffer(previous) && previous.equals(value), 'put returns the 1 MiB previous value');
    await map.set('big2', value);
    const [[key, fromGetAll]] = await map.getAll(['big2']);
    assert.equal(key, 'big2');
    assert.ok(fromGetAll.equals(value));
});

test('1,000 concurrent puts then 1,000 concurrent gets', T, async () => {
    const map = await client.getMap(uniqueName('concurrent'));
    const n = 1000;
    const puts = await Promise.all(Array.from({ length: n }, (_, i) => map.put(`k${i}`, { index: i, text: `value-${i}` })));
    assert.equal(puts.length, n);
    assert.ok(puts.every((p) => p === null), 'every put was the first for its key');
    const gets = await Promise.all(Array.from({ length: n }, (_, i) => map.get(`k${i}`)));
    gets.forEach((v, i) => assert.deepEqual(v, { index: i, text: `value-${i}` }, `k${i}`));
    assert.equal(await map.size(), n);
    // Concurrent writers on one key: the final value is one of them and all puts returned distinct previous values.
    const racers = await Promise.all(Array.from({ length: 200 }, (_, i) => map.put('hot', i)));
    const previous = racers.filter((p) => p !== null);
    assert.equal(racers.filter((p) => p === null).length, 1, 'exactly one put saw no previous value');
    assert.equal(new Set(previous).size, 199, 'each previous value was seen once (the map is linearizable)');
    const last = await map.get('hot');
    assert.ok(!previous.includes(last), 'the final value was never overwritten');
});
