'use strict';

// Every IMap operation our member serves, driven through the official Node.js client's public API.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const Long = require('long');
const { IllegalMonitorStateError } = require('hazelcast-client');
const { useCluster, sleep, uniqueName } = require('./support/member');

const cluster = useCluster({ extraArgs: ['--per-entry-stats', 'stats-*', '--client-cleanup-delay', '1'] });
let client;

before(async () => {
    client = await cluster.newClient();
});

const T = { timeout: 20_000 };
const getMap = (prefix) => client.getMap(uniqueName(prefix));
const toNumber = (v) => (Long.isLong(v) ? v.toNumber() : v);
const sorted = (array) => [...array].sort();

test('the smart client connects to all three members', T, async () => {
    const members = client.getCluster().getMembers();
    assert.equal(members.length, 3);
    assert.deepEqual(sorted(members.map((m) => m.uuid.toString())), sorted(cluster.uuids));
    assert.deepEqual(sorted(members.map((m) => `${m.address.host}:${m.address.port}`)), sorted(cluster.addresses));
});

test('put returns the previous value; get/set/containsKey/containsValue', T, async () => {
    const map = await getMap('put');
    assert.equal(await map.get('k'), null, 'get of a missing key');
    assert.equal(await map.put('k', 'v1'), null, 'first put returns null');
    assert.equal(await map.put('k', 'v2'), 'v1', 'second put returns the previous value');
    assert.equal(await map.get('k'), 'v2');
    assert.equal(await map.set('k', 'v3'), undefined, 'set returns nothing');
    assert.equal(await map.get('k'), 'v3');
    assert.equal(await map.set('other', 42), undefined);
    assert.equal(await map.get('other'), 42);
    assert.equal(await map.containsKey('k'), true);
    assert.equal(await map.containsKey('missing'), false);
    assert.equal(await map.containsValue('v3'), true);
    assert.equal(await map.containsValue('v1'), false);
    assert.equal(await map.containsValue(42), true);
    // Values are compared in their serialized form: the number 42 and the string '42' differ.
    assert.equal(await map.containsValue('42'), false);
});

test('remove/delete/remove(key, value) and their results', T, async () => {
    const map = await getMap('remove');
    await map.put('a', 'A');
    await map.put('b', 'B');
    await map.put('c', 'C');
    assert.equal(await map.remove('a'), 'A', 'remove returns the removed value');
    assert.equal(await map.remove('a'), null, 'remove of a missing key returns null');
    assert.equal(await map.containsKey('a'), false);
    assert.equal(await map.delete('b'), undefined, 'delete returns nothing');
    assert.equal(await map.get('b'), null);
    assert.equal(await map.delete('b'), undefined, 'delete of a missing key is fine');
    assert.equal(await map.remove('c', 'not C'), false, 'remove(key, value) with another value');
    assert.equal(await map.get('c'), 'C');
    assert.equal(await map.remove('c', 'C'), true, 'remove(key, value) with the value');
    assert.equal(await map.get('c'), null);
    assert.equal(await map.remove('c', 'C'), false, 'remove(key, value) of a missing key');
    assert.equal(await map.size(), 0);
});

test('putIfAbsent/replace/replaceIfSame and their results', T, async () => {
    const map = await getMap('conditional');
    assert.equal(await map.putIfAbsent('k', 'first'), null, 'putIfAbsent on a missing key returns null');
    assert.equal(await map.putIfAbsent('k', 'second'), 'first', 'putIfAbsent on a present key returns the current value');
    assert.equal(await map.get('k'), 'first', 'putIfAbsent does not overwrite');

    assert.equal(await map.replace('missing', 'x'), null, 'replace of a missing key returns null');
    assert.equal(await map.containsKey('missing'), false, 'replace does not create the key');
    assert.equal(await map.replace('k', 'replaced'), 'first', 'replace returns the previous value');
    assert.equal(await map.get('k'), 'replaced');

    assert.equal(await map.replaceIfSame('k', 'wrong', 'nope'), false);
    assert.equal(await map.get('k'), 'replaced');
    assert.equal(await map.replaceIfSame('k', 'replaced', 'again'), true);
    assert.equal(await map.get('k'), 'again');
    assert.equal(await map.replaceIfSame('missing', 'x', 'y'), false);
    assert.equal(await map.containsKey('missing'), false);
});

test('size/isEmpty/clear', T, async () => {
    const map = await getMap('size');
    assert.equal(await map.size(), 0);
    assert.equal(await map.isEmpty(), true);
    for (let i = 0; i < 50; i++) await map.set(`key-${i}`, i);
    assert.equal(await map.size(), 50);
    assert.equal(await map.isEmpty(), false);
    await map.set('key-0', 'updated');
    assert.equal(await map.size(), 50, 'updating a key does not change the size');
    await map.clear();
    assert.equal(await map.size(), 0);
    assert.equal(await map.isEmpty(), true);
    assert.equal(await map.get('key-1'), null);
});

test('putAll/getAll/keySet/values/entrySet', T, async () => {
    const map = await getMap('bulk');
    const entries = Array.from({ length: 100 }, (_, i) => [`key-${i}`, `value-${i}`]);
    assert.equal(await map.putAll(entries), undefined);
    assert.equal(await map.size(), 100);

    const some = await map.getAll(['key-1', 'key-50', 'key-99', 'absent']);
    assert.deepEqual(new Map(some), new Map([['key-1', 'value-1'], ['key-50', 'value-50'], ['key-99', 'value-99']]),
        'getAll returns present keys only');

    assert.deepEqual(sorted(await map.keySet()), sorted(entries.map(([k]) => k)));
    const values = await map.values();
    assert.equal(values.size(), 100);
    assert.deepEqual(sorted(values.toArray()), sorted(entries.map(([, v]) => v)));
    const entrySet = await map.entrySet();
    assert.equal(entrySet.length, 100);
    assert.deepEqual(new Map(entrySet), new Map(entries));

    // putAll overwrites; setAll too.
    await map.putAll([['key-1', 'new-1'], ['extra', 'x']]);
    await map.setAll([['key-2', 'new-2']]);
    assert.equal(await map.get('key-1'), 'new-1');
    assert.equal(await map.get('key-2'), 'new-2');
    assert.equal(await map.get('extra'), 'x');
    assert.equal(await map.size(), 101);
});

test('getEntryView without per-entry stats (the default) reports -1 for hits and times, as a real member does', T, async () => {
    const map = await getMap('entryview');
    assert.equal(await map.getEntryView('missing'), null);
    await map.put('k', 'v1');
    await map.get('k');
    const view = await map.getEntryView('k');
    assert.equal(view.key, 'k');
    assert.equal(view.value, 'v1');
    for (const field of ['hits', 'creationTime', 'lastAccessTime', 'lastUpdateTime', 'lastStoredTime']) {
        assert.equal(toNumber(view[field]), -1, `${field} is not kept without per-entry stats`);
    }
    assert.equal(toNumber(view.version), 0, 'a new entry has version 0');
    assert.ok(toNumber(view.cost) > 0, 'cost is positive');
    assert.ok(Long.fromValue(view.ttl).equals(Long.MAX_VALUE), `an entry without TTL has ttl Long.MAX_VALUE, got ${view.ttl}`);
    assert.ok(Long.fromValue(view.expirationTime).equals(Long.MAX_VALUE), `an entry without TTL never expires, got ${view.expirationTime}`);
    await map.put('k', 'v2');
    assert.equal(toNumber((await map.getEntryView('k')).version), 1, 'an update increments the version');
});

test('getEntryView of a map with per-entry stats reports hits, times to the second, and lastStoredTime 0', T, async () => {
    const map = await getMap('stats-entryview'); // the member keeps per-entry stats for stats-* maps
    const before = Math.floor(Date.now() / 1000) * 1000;
    await map.put('k', 'v1');
    await map.get('k');
    await map.get('k');
    const view = await map.getEntryView('k');
    assert.equal(toNumber(view.hits), 2, 'two gets, two hits');
    assert.equal(toNumber(view.lastStoredTime), 0, 'no map store: 0');
    const creation = toNumber(view.creationTime);
    assert.ok(creation >= before - 1000 && creation <= Date.now() + 1000, `creationTime ${creation} is now-ish`);
    assert.equal(creation % 1000, 0, 'times are kept to the second');
    assert.ok(toNumber(view.lastAccessTime) >= creation);
    assert.ok(toNumber(view.lastUpdateTime) >= creation);
    await map.put('k', 'v2');
    const updated = await map.getEntryView('k');
    assert.equal(toNumber(updated.version), 1, 'an update increments the version');
    assert.equal(toNumber(updated.creationTime), creation, 'an update keeps the creation time');
});

test('put/set/putIfAbsent/putTransient with ttl and maxIdle record them on the entry', T, async () => {
    const map = await getMap('ttl-maxidle');
    assert.equal(await map.put('put', 'a', 60_000, 30_000), null);
    assert.equal(await map.put('put', 'b', 60_000, 30_000), 'a', 'put with ttl+maxIdle returns the previous value');
    assert.equal(await map.set('set', 'c', 50_000, 20_000), undefined);
    assert.equal(await map.putIfAbsent('pia', 'd', 40_000, 10_000), null);
    assert.equal(await map.putIfAbsent('pia', 'e', 40_000, 10_000), 'd', 'putIfAbsent with ttl+maxIdle returns the current value');
    assert.equal(await map.putTransient('pt', 'f', 35_000, 15_000), undefined);
    assert.equal(await map.putTransient('pt2', 'g'), undefined);
    assert.equal(await map.putTransient('pt3', 'h', 25_000), undefined);
    assert.equal(await map.put('ttl-only', 'i', 45_000), null);

    const expect = async (key, value, ttl, maxIdle) => {
        const view = await map.getEntryView(key);
        assert.ok(view, `${key} is present`);
        assert.equal(view.value, value, `${key} value`);
        assert.equal(toNumber(view.ttl), ttl, `${key} ttl`);
        if (maxIdle === undefined) {
            assert.ok(Long.fromValue(view.maxIdle).equals(Long.MAX_VALUE), `${key} has no max idle, got ${view.maxIdle}`);
        } else {
            assert.equal(toNumber(view.maxIdle), maxIdle, `${key} maxIdle`);
        }
        const expiration = toNumber(view.expirationTime);
        const expected = Date.now() + Math.min(ttl, maxIdle ?? Infinity); // written a moment ago; kept to the second
        assert.ok(Math.abs(expiration - expected) < 2000, `${key} expirationTime ${expiration} ~ ${expected}`);
    };
    await expect('put', 'b', 60_000, 30_000);
    await expect('set', 'c', 50_000, 20_000);
    await expect('pia', 'd', 40_000, 10_000);
    await expect('pt', 'f', 35_000, 15_000);
    await expect('pt3', 'h', 25_000, undefined);
    await expect('ttl-only', 'i', 45_000, undefined);
    assert.equal(await map.get('pt2'), 'g');
});

test('setTtl changes the TTL of an existing entry only', T, async () => {
    const map = await getMap('setttl');
    await map.put('k', 'v');
    assert.equal(await map.setTtl('k', 100_000), true);
    assert.equal(await map.setTtl('missing', 100_000), false);
    const view = await map.getEntryView('k');
    assert.equal(toNumber(view.ttl), 100_000);
    assert.equal(await map.get('k'), 'v', 'setTtl keeps the value');
    assert.equal(await map.containsKey('missing'), false, 'setTtl does not create the key');
});

test('tryPut/tryRemove on unlocked keys', T, async () => {
    const map = await getMap('try');
    assert.equal(await map.tryPut('k', 'v', 1000), true);
    assert.equal(await map.get('k'), 'v');
    assert.equal(await map.tryPut('k', 'v2', 1000), true);
    assert.equal(await map.get('k'), 'v2');
    assert.equal(await map.tryRemove('k', 1000), true);
    assert.equal(await map.containsKey('k'), false);
    assert.equal(await map.tryRemove('k', 1000), false, 'tryRemove of a missing key');
});

test('evict/evictAll/flush', T, async () => {
    const map = await getMap('evict');
    await map.putAll([['a', 1], ['b', 2], ['c', 3], ['d', 4]]);
    assert.equal(await map.evict('a'), true);
    assert.equal(await map.evict('a'), false, 'evicting a missing key');
    assert.equal(await map.containsKey('a'), false);
    assert.equal(await map.size(), 3);

    await map.lock('d');
    assert.equal(await map.flush(), undefined);
    await map.evictAll();
    assert.deepEqual(await map.keySet(), ['d'], 'evictAll keeps locked keys');
    await map.unlock('d');
    await map.evictAll();
    assert.equal(await map.size(), 0);
});

test('lock/isLocked/unlock/forceUnlock and re-entrancy for one client', T, async () => {
    const map = await getMap('lock');
    assert.equal(await map.isLocked('k'), false);
    await map.lock('k');
    assert.equal(await map.isLocked('k'), true);
    await map.lock('k'); // re-entrant
    await map.unlock('k');
    assert.equal(await map.isLocked('k'), true, 'one unlock of a twice-held lock keeps it locked');
    await map.put('k', 'owner may write');
    assert.equal(await map.get('k'), 'owner may write');
    await map.unlock('k');
    assert.equal(await map.isLocked('k'), false);

    assert.equal(await map.tryLock('k'), true, 'tryLock of a free key');
    assert.equal(await map.isLocked('k'), true);
    await map.forceUnlock('k');
    assert.equal(await map.isLocked('k'), false, 'forceUnlock releases the lock');

    assert.equal(await map.tryLock('k', 500), true, 'tryLock with a timeout of a free key');
    assert.equal(await map.tryLock('k', 200), true, 'tryLock of a key the caller holds is re-entrant');
    await map.unlock('k');
    assert.equal(await map.isLocked('k'), true, 'still held once');
    await map.unlock('k');
    await map.forceUnlock('k'); // forceUnlock of a free key is a no-op
    await assert.rejects(map.unlock('k'), (e) => {
        assert.equal(e.constructor.name, 'IllegalMonitorStateError');
        return true;
    }, 'unlocking a free key');
});

test('lock contention between two clients', T, async () => {
    const name = uniqueName('contention');
    const mapA = await client.getMap(name);
    const clientB = await cluster.newClient();
    const mapB = await clientB.getMap(name);

    await mapA.lock('k');
    assert.equal(await mapB.isLocked('k'), true, 'B sees the lock');

    let started = Date.now();
    assert.equal(await mapB.tryLock('k', 200), false, 'B cannot lock while A holds the lock');
    const waited = Date.now() - started;
    assert.ok(waited >= 150, `tryLock waited for its timeout (${waited} ms)`);
    assert.ok(waited < 3000, `tryLock gave up in time (${waited} ms)`);

    await assert.rejects(mapB.unlock('k'), (e) => {
        assert.ok(e instanceof IllegalMonitorStateError, `expected IllegalMonitorStateError, got ${e.constructor.name}: ${e.message}`);
        assert.equal(e.constructor.name, 'IllegalMonitorStateError');
        return true;
    });
    assert.equal(await mapA.isLocked('k'), true, 'a failed unlock by B leaves A\'s lock');

    assert.equal(await mapB.tryPut('k', 'B', 200), false, 'B tryPut times out on A\'s lock');
    assert.equal(await mapB.tryRemove('k', 200), false, 'B tryRemove times out on A\'s lock');

    // B's put blocks until A unlocks.
    const order = [];
    const put = mapB.put('k', 'from B').then((previous) => {
        order.push('B put done');
        return previous;
    });
    await sleep(300);
    order.push('A unlocking');
    await mapA.set('k', 'from A'); // the owner may write while B waits
    await mapA.unlock('k');
    assert.equal(await put, 'from A', 'B\'s put returns A\'s value');
    assert.deepEqual(order, ['A unlocking', 'B put done'], 'B\'s put completed only after A unlocked');
    assert.equal(await mapA.get('k'), 'from B');

    // Once A released it, B can lock it.
    started = Date.now();
    assert.equal(await mapB.tryLock('k', 200), true, 'B locks after A unlocked');
    assert.equal(await mapA.tryLock('k', 0), false, 'and now A cannot');
    // A waiting tryLock succeeds as soon as B unlocks.
    const waiting = mapA.tryLock('k', 5000);
    await sleep(200);
    await mapB.unlock('k');
    assert.equal(await waiting, true, 'A\'s waiting tryLock succeeds after B unlocks');
    await mapA.unlock('k');

    // forceUnlock by a non-owner releases the lock.
    await mapA.lock('k');
    await mapB.forceUnlock('k');
    assert.equal(await mapA.isLocked('k'), false);
    assert.equal(await mapB.tryLock('k', 0), true);
    await mapB.unlock('k');
});

/** Starts `op` and checks it is still pending after `ms`; resolves with a promise of its outcome. */
async function pendingFor(ms, op) {
    let settled = false;
    const outcome = op().then((value) => ({ value }), (error) => ({ error }));
    outcome.then(() => { settled = true; });
    await sleep(ms);
    return { settled: () => settled, outcome, pendingAfterWait: !settled };
}

test('writes by another client wait for the key lock: set/remove/delete/replace/replaceIfSame/remove(k,v)/putIfAbsent/putTransient/put with ttl', T, async () => {
    const name = uniqueName('lock-writes');
    const mapA = await client.getMap(name);
    const clientB = await cluster.newClient();
    const mapB = await clientB.getMap(name);
    const ops = {
        set: (k) => mapB.set(k, 'B'),
        remove: (k) => mapB.remove(k),
        delete: (k) => mapB.delete(k),
        replace: (k) => mapB.replace(k, 'B'),
        replaceIfSame: (k) => mapB.replaceIfSame(k, 'A', 'B'),
        removeIfSame: (k) => mapB.remove(k, 'A'),
        putIfAbsentOnRemovedKey: (k) => mapB.putIfAbsent(k, 'B'),
        putTransient: (k) => mapB.putTransient(k, 'B'),
        putWithTtl: (k) => mapB.put(k, 'B', 60_000, 60_000),
    };
    const keys = Object.keys(ops);
    for (const key of keys) {
        await mapA.put(key, 'A');
        await mapA.lock(key);
    }
    await mapA.delete('putIfAbsentOnRemovedKey'); // the owner may write its locked key
    const pending = {};
    for (const key of keys) pending[key] = pendingFor(0, () => ops[key](key));
    await sleep(400);
    for (const key of keys) assert.equal((await pending[key]).settled(), false, `${key} waits while A holds the lock`);
    for (const key of keys) await mapA.unlock(key);
    const outcomes = Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await (await pending[k]).outcome])));
    for (const [key, o] of Object.entries(outcomes)) assert.equal(o.error, undefined, `${key} succeeded: ${o.error}`);
    assert.deepEqual(Object.fromEntries(Object.entries(outcomes).map(([k, o]) => [k, o.value])), {
        set: undefined,
        remove: 'A',
        delete: undefined,
        replace: 'A',
        replaceIfSame: true,
        removeIfSame: true,
        putIfAbsentOnRemovedKey: null,
        putTransient: undefined,
        putWithTtl: 'A',
    });
    const values = Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await mapA.get(k)])));
    assert.deepEqual(values, {
        set: 'B', remove: null, delete: null, replace: 'B', replaceIfSame: 'B', removeIfSame: null,
        putIfAbsentOnRemovedKey: 'B', putTransient: 'B', putWithTtl: 'B',
    });
});

test('evict and setTtl by another client wait for the key lock, like the other writes',
    { ...T }, async () => {
        const name = uniqueName('lock-evict');
        const mapA = await client.getMap(name);
        const clientB = await cluster.newClient();
        const mapB = await clientB.getMap(name);
        await mapA.put('evict', 'A');
        await mapA.put('setTtl', 'A');
        await mapA.lock('evict');
        await mapA.lock('setTtl');
        const evict = await pendingFor(400, () => mapB.evict('evict'));
        const setTtl = await pendingFor(0, () => mapB.setTtl('setTtl', 120_000));
        await sleep(100);
        const evictWaited = evict.pendingAfterWait;
        const setTtlWaited = !setTtl.settled();
        await mapA.unlock('evict');
        await mapA.unlock('setTtl');
        const observed = {
            evictWaited,
            setTtlWaited,
            evict: await evict.outcome,
            setTtl: await setTtl.outcome,
            valueAfterEvict: await mapA.get('evict'),
            ttlAfterSetTtl: toNumber((await mapA.getEntryView('setTtl')).ttl),
        };
        assert.deepEqual(observed, {
            evictWaited: true, // evict waited for the unlock
            setTtlWaited: true, // setTtl waited for the unlock
            evict: { value: true }, // and evicted the entry once A unlocked
            setTtl: { value: true },
            valueAfterEvict: null,
            ttlAfterSetTtl: 120_000,
        });
    });

test('the lock owner can evict its locked key',
    { ...T }, async () => {
        const map = await getMap('evict-own-lock');
        await map.put('k', 'v');
        await map.lock('k');
        try {
            assert.equal(await map.evict('k'), true);
            assert.equal(await map.containsKey('k'), false);
            assert.equal(await map.isLocked('k'), true, 'evicting does not unlock');
        } finally {
            await map.forceUnlock('k');
        }
    });

test('clear keeps locked keys', { ...T }, async () => {
    const name = uniqueName('clear-locked');
    const map = await client.getMap(name);
    const other = await cluster.newClient();
    const otherMap = await other.getMap(name);
    await map.putAll([['a', 1], ['b', 2], ['c', 3]]);
    await map.lock('a');
    await otherMap.lock('b');
    try {
        await map.clear();
        assert.deepEqual((await map.keySet()).sort(), ['a', 'b'], 'the locked keys survive clear');
        assert.equal(await map.get('a'), 1);
        assert.equal(await map.get('b'), 2);
    } finally {
        await map.forceUnlock('a');
        await map.forceUnlock('b');
    }
    await map.clear();
    assert.equal(await map.size(), 0, 'once unlocked they are cleared');
});

test('the locks of a client that shuts down are released', T, async () => {
    const name = uniqueName('lock-release');
    const clientC = await cluster.newClient();
    const mapC = await clientC.getMap(name);
    const map = await client.getMap(name);
    await mapC.lock('k');
    assert.equal(await map.tryLock('k', 0), false);
    await clientC.shutdown();
    // As a real member, ours notices the departed client after its cleanup delay (1 s here, 10 s by default), not at once.
    assert.equal(await map.tryLock('k', 0), false, 'not released the instant the client leaves');
    assert.equal(await map.tryLock('k', 5000), true, 'the lock of a gone client is released after the cleanup delay');
    await map.unlock('k');
});
