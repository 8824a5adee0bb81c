'use strict';

// Entry listeners. The smart client registers each listener on all three members with localOnly=true; the member
// that owns a key's partition reports the key's events, so every event must arrive exactly once.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const { useCluster, sleep, waitFor, uniqueName } = require('./support/member');

const cluster = useCluster();
let client;
let writer;

before(async () => {
    client = await cluster.newClient();
    writer = await cluster.newClient(); // a second client makes the changes, so events cross clients too
});

const T = { timeout: 20_000 };
// How long to keep listening after the expected events arrived, to catch duplicates.
const SETTLE_MS = 300;

/** Registers a listener for every event type; returns { events, id }. */
async function listen(map, { key, includeValue = true } = {}) {
    const events = [];
    const entry = (type) => (e) => events.push({ type, key: e.key, value: e.value, oldValue: e.oldValue, member: e.member, name: e.name });
    const mapWide = (type) => (e) => events.push({ type, count: e.numberOfAffectedEntries, member: e.member, name: e.name });
    const listener = {
        added: entry('added'),
        updated: entry('updated'),
        removed: entry('removed'),
        evicted: entry('evicted'),
        expired: entry('expired'),
        mapCleared: mapWide('mapCleared'),
        mapEvicted: mapWide('mapEvicted'),
    };
    const id = key === undefined ? await map.addEntryListener(listener, undefined, includeValue) : await map.addEntryListener(listener, key, includeValue);
    return { events, id };
}

const keysOf = (events, type) => events.filter((e) => e.type === type).map((e) => e.key).sort();
const byKey = (events) => {
    const result = new Map();
    for (const e of events) {
        if (!result.has(e.key)) result.set(e.key, []);
        result.get(e.key).push(e);
    }
    return result;
};
const strip = ({ type, key, value, oldValue }) => ({ type, key, value, oldValue });

/** The uuid of the member owning `key`'s partition, as the client sees it. */
function ownerOf(key) {
    const partitions = client.getPartitionService();
    return partitions.getPartitionOwner(partitions.getPartitionId(key))?.toString();
}

// 30 keys spread over the partitions of all three members.
const KEYS = Array.from({ length: 30 }, (_, i) => `key-${i}`);

test('the test keys are owned by all three members', T, async () => {
    await client.getMap(uniqueName('warmup')); // the partition table has arrived by now
    const owners = new Set(KEYS.map(ownerOf));
    assert.equal(owners.size, 3, 'keys spread over three owners');
    assert.deepEqual([...owners].sort(), [...cluster.uuids].sort());
});

test('added/updated/removed/evicted events carry key, value and old value, exactly once', T, async () => {
    const name = uniqueName('events');
    const map = await client.getMap(name);
    const { events } = await listen(map);
    const w = await writer.getMap(name);

    for (const key of KEYS) await w.put(key, `${key}-v1`);
    for (const key of KEYS) await w.put(key, `${key}-v2`);
    const toRemove = KEYS.filter((_, i) => i % 3 === 0);
    const toDelete = KEYS.filter((_, i) => i % 3 === 1);
    const toEvict = KEYS.filter((_, i) => i % 3 === 2);
    for (const key of toRemove) assert.equal(await w.remove(key), `${key}-v2`);
    for (const key of toDelete) await w.delete(key);
    for (const key of toEvict) assert.equal(await w.evict(key), true);

    const expected = KEYS.length * 3;
    await waitFor(() => events.length >= expected, 5000, `expected ${expected} events, got ${events.length}`);
    await sleep(SETTLE_MS);
    assert.equal(events.length, expected, 'no duplicate or extra events');

    const perKey = byKey(events);
    for (const key of KEYS) {
        const last = toEvict.includes(key)
            ? { type: 'evicted', key, value: null, oldValue: `${key}-v2` }
            : { type: 'removed', key, value: null, oldValue: `${key}-v2` };
        assert.deepEqual(perKey.get(key).map(strip), [
            { type: 'added', key, value: `${key}-v1`, oldValue: null },
            { type: 'updated', key, value: `${key}-v2`, oldValue: `${key}-v1` },
            last,
        ], `events of ${key}, in order`);
        for (const e of perKey.get(key)) {
            assert.equal(e.name, name);
            assert.equal(e.member?.uuid.toString(), ownerOf(key), `the event of ${key} comes from the partition owner`);
        }
    }
});

test('putIfAbsent/replace/replaceIfSame/set/putAll/putTransient/tryPut/tryRemove/remove(key, value) raise events', T, async () => {
    const name = uniqueName('more-events');
    const map = await client.getMap(name);
    const { events } = await listen(map);
    const w = await writer.getMap(name);

    await w.putIfAbsent('a', 'a1'); // added
    await w.putIfAbsent('a', 'nope'); // nothing
    await w.replace('a', 'a2'); // updated
    await w.replace('missing', 'x'); // nothing
    await w.replaceIfSame('a', 'wrong', 'x'); // nothing
    await w.replaceIfSame('a', 'a2', 'a3'); // updated
    await w.set('b', 'b1'); // added
    await w.putAll([['c', 'c1'], ['b', 'b2']]); // added c, updated b
    await w.putTransient('d', 'd1'); // added
    await w.tryPut('d', 'd2', 1000); // updated
    await w.remove('a', 'wrong'); // nothing
    await w.remove('a', 'a3'); // removed
    await w.tryRemove('d', 1000); // removed
    await w.setTtl('b', 60_000); // nothing

    const expected = [
        { type: 'added', key: 'a', value: 'a1', oldValue: null },
        { type: 'updated', key: 'a', value: 'a2', oldValue: 'a1' },
        { type: 'updated', key: 'a', value: 'a3', oldValue: 'a2' },
        { type: 'removed', key: 'a', value: null, oldValue: 'a3' },
        { type: 'added', key: 'b', value: 'b1', oldValue: null },
        { type: 'updated', key: 'b', value: 'b2', oldValue: 'b1' },
        { type: 'added', key: 'c', value: 'c1', oldValue: null },
        { type: 'added', key: 'd', value: 'd1', oldValue: null },
        { type: 'updated', key: 'd', value: 'd2', oldValue: 'd1' },
        { type: 'removed', key: 'd', value: null, oldValue: 'd2' },
    ];
    await waitFor(() => events.length >= expected.length, 5000, `expected ${expected.length} events, got ${events.length}`);
    await sleep(SETTLE_MS);
    const perKey = byKey(events);
    const actual = ['a', 'b', 'c', 'd'].flatMap((k) => (perKey.get(k) ?? []).map(strip));
    assert.deepEqual(actual, expected);
    assert.equal(events.length, expected.length);
});

test('includeValue false gives null values and old values', T, async () => {
    const name = uniqueName('novalue');
    const map = await client.getMap(name);
    const { events } = await listen(map, { includeValue: false });
    const w = await writer.getMap(name);
    await w.put('k', 'v1');
    await w.put('k', 'v2');
    await w.remove('k');
    await w.put('e', 'x');
    await w.evict('e');
    await waitFor(() => events.length >= 5, 5000, `expected 5 events, got ${events.length}`);
    await sleep(SETTLE_MS);
    assert.deepEqual(events.map(strip), [
        { type: 'added', key: 'k', value: null, oldValue: null },
        { type: 'updated', key: 'k', value: null, oldValue: null },
        { type: 'removed', key: 'k', value: null, oldValue: null },
        { type: 'added', key: 'e', value: null, oldValue: null },
        { type: 'evicted', key: 'e', value: null, oldValue: null },
    ]);
});

test('a key-filtered listener only sees its key', T, async () => {
    const name = uniqueName('keyed');
    const map = await client.getMap(name);
    const watched = KEYS[7];
    const { events } = await listen(map, { key: watched, includeValue: true });
    const all = await listen(map);
    const w = await writer.getMap(name);
    for (const key of KEYS) await w.put(key, `${key}-v1`);
    await w.put(watched, 'changed');
    for (const key of KEYS) await w.remove(key);
    await waitFor(() => all.events.length >= KEYS.length * 2 + 1, 5000, `the unfiltered listener got ${all.events.length} events`);
    await waitFor(() => events.length >= 3, 5000, `expected 3 events for ${watched}, got ${events.length}`);
    await sleep(SETTLE_MS);
    assert.deepEqual(events.map(strip), [
        { type: 'added', key: watched, value: `${watched}-v1`, oldValue: null },
        { type: 'updated', key: watched, value: 'changed', oldValue: `${watched}-v1` },
        { type: 'removed', key: watched, value: null, oldValue: 'changed' },
    ]);
    assert.equal(all.events.length, KEYS.length * 2 + 1);
});

test('expired events arrive once with the old value', T, async () => {
    const name = uniqueName('expired');
    const map = await client.getMap(name);
    const { events } = await listen(map);
    const w = await writer.getMap(name);
    const keys = KEYS.slice(0, 9);
    for (const key of keys) await w.put(key, `${key}-v`, 500);
    await waitFor(() => events.filter((e) => e.type === 'expired').length >= keys.length, 6000,
        `expected ${keys.length} expired events, got ${JSON.stringify(events.map(strip))}`);
    await sleep(SETTLE_MS);
    assert.deepEqual(keysOf(events, 'added'), [...keys].sort());
    assert.deepEqual(keysOf(events, 'expired'), [...keys].sort(), 'each key expired exactly once');
    for (const e of events.filter((x) => x.type === 'expired')) {
        assert.equal(e.value, null);
        assert.equal(e.oldValue, `${e.key}-v`);
        assert.equal(e.member?.uuid.toString(), ownerOf(e.key));
    }
    assert.equal(events.length, keys.length * 2);
    assert.equal(await w.size(), 0);
});

test('clear raises one mapCleared event with the number of cleared entries',
    { ...T }, async () => {
    const name = uniqueName('cleared');
    const map = await client.getMap(name);
    const { events } = await listen(map);
    const w = await writer.getMap(name);
    await w.putAll(KEYS.map((k) => [k, k]));
    await waitFor(() => events.length >= KEYS.length, 5000, 'added events');
    events.length = 0;
    await w.clear();
    await waitFor(() => events.length >= 1, 5000, 'a mapCleared event');
    await sleep(SETTLE_MS);
    assert.deepEqual(events.map((e) => [e.type, e.count]), [['mapCleared', KEYS.length]],
        'one mapCleared event counting all cleared entries');
    assert.equal(events[0].name, name);
});

test('evictAll raises one mapEvicted event with the number of evicted entries',
    { ...T }, async () => {
    const name = uniqueName('evictall');
    const map = await client.getMap(name);
    const { events } = await listen(map);
    const w = await writer.getMap(name);
    await w.putAll(KEYS.map((k) => [k, k]));
    await waitFor(() => events.length >= KEYS.length, 5000, 'added events');
    events.length = 0;
    await w.evictAll();
    await waitFor(() => events.length >= 1, 5000, 'a mapEvicted event');
    await sleep(SETTLE_MS);
    assert.deepEqual(events.map((e) => [e.type, e.count]), [['mapEvicted', KEYS.length]],
        'one mapEvicted event counting all evicted entries');
    assert.equal(await w.size(), 0);
});

test('mapCleared and mapEvicted events reach the listener and account for every entry', T, async () => {
    const name = uniqueName('mapwide-sum');
    const map = await client.getMap(name);
    const { events } = await listen(map, { includeValue: false });
    const w = await writer.getMap(name);
    const sum = (type) => events.filter((e) => e.type === type).reduce((total, e) => total + e.count, 0);
    await w.putAll(KEYS.map((k) => [k, k]));
    await w.clear();
    await waitFor(() => sum('mapCleared') >= KEYS.length, 5000, `mapCleared counts add up to ${KEYS.length}`);
    await w.putAll(KEYS.slice(0, 20).map((k) => [k, k]));
    await w.evictAll();
    await waitFor(() => sum('mapEvicted') >= 20, 5000, 'mapEvicted counts add up to 20');
    await sleep(SETTLE_MS);
    assert.equal(sum('mapCleared'), KEYS.length);
    assert.equal(sum('mapEvicted'), 20);
    for (const e of events.filter((x) => x.type === 'mapCleared' || x.type === 'mapEvicted')) {
        assert.equal(e.name, name);
        assert.ok(cluster.uuids.includes(e.member?.uuid.toString()), 'a map-wide event names a member of the cluster');
    }
    assert.equal(await w.size(), 0);
});

test('clear and evictAll of an empty map raise no map-wide event', T, async () => {
    const name = uniqueName('empty-mapwide');
    const map = await client.getMap(name);
    const { events } = await listen(map);
    const w = await writer.getMap(name);
    await w.clear();
    await w.evictAll();
    await w.put('marker', 1); // then wait for the marker's event plus the settle time
    await waitFor(() => events.some((e) => e.key === 'marker'), 5000, 'the marker event');
    await sleep(SETTLE_MS);
    assert.deepEqual(events.map((e) => e.type), ['added']);
});

test('a key-filtered listener does not get map-wide events', T, async () => {
    const name = uniqueName('keyed-mapwide');
    const map = await client.getMap(name);
    const { events } = await listen(map, { key: 'k' });
    const all = await listen(map);
    const w = await writer.getMap(name);
    await w.put('k', 'v');
    await w.clear();
    await waitFor(() => all.events.some((e) => e.type === 'mapCleared'), 5000, 'mapCleared on the unfiltered listener');
    await sleep(SETTLE_MS);
    assert.deepEqual(events.map((e) => e.type), ['added']);
});

test('removeEntryListener stops the events', T, async () => {
    const name = uniqueName('unlisten');
    const map = await client.getMap(name);
    const removedListener = await listen(map);
    const kept = await listen(map);
    const w = await writer.getMap(name);
    await w.put('before', 1);
    await waitFor(() => removedListener.events.length === 1 && kept.events.length === 1, 5000, 'the first event on both listeners');

    assert.equal(await map.removeEntryListener(removedListener.id), true);
    for (const key of KEYS) await w.put(key, 'after');
    await w.clear();
    await waitFor(() => kept.events.length >= KEYS.length + 2, 5000, `the kept listener got ${kept.events.length} events`);
    await sleep(SETTLE_MS);
    assert.equal(removedListener.events.length, 1, 'no events after removeEntryListener');
});

test('a listener registered by a client that shut down gets nothing and does not break others', T, async () => {
    const name = uniqueName('gone');
    const other = await cluster.newClient();
    const otherMap = await other.getMap(name);
    const gone = await listen(otherMap);
    const map = await client.getMap(name);
    const { events } = await listen(map);
    await other.shutdown();
    const w = await writer.getMap(name);
    for (const key of KEYS) await w.put(key, 1);
    await waitFor(() => events.length >= KEYS.length, 5000, `got ${events.length} events`);
    await sleep(SETTLE_MS);
    assert.equal(events.length, KEYS.length);
    assert.equal(gone.events.length, 0);
});
