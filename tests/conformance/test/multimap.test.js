'use strict';

// Multimaps: the official client's operations, listeners and key locks against the in-process member.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const { useCluster, sleep, waitFor, uniqueName } = require('./support/member');

const cluster = useCluster();
let client;
let other;

before(async () => {
    client = await cluster.newClient();
    other = await cluster.newClient();
});

const T = { timeout: 30_000 };

test('multimap: values per key, as a set, seen by another client', T, async () => {
    const name = uniqueName('mm');
    const a = await client.getMultiMap(name);
    const b = await other.getMultiMap(name);
    assert.equal(await a.put('k', 1), true);
    assert.equal(await a.put('k', 2), true);
    assert.equal(await a.put('k', 2), false);
    await a.putAll([['x', [7, 8]]]);
    assert.deepEqual([...(await b.get('k'))].sort(), [1, 2]);
    assert.equal(await b.valueCount('k'), 2);
    assert.equal(await b.size(), 4);
    assert.equal(await b.containsEntry('x', 8), true);
    assert.equal(await b.remove('k', 1), true);
    assert.deepEqual([...(await b.removeAll('x'))].sort(), [7, 8]);
    await b.clear();
    assert.equal(await a.size(), 0);
});

test('multimap: a listener of another client hears each value added and removed once', T, async () => {
    const name = uniqueName('mm');
    const events = [];
    const a = await client.getMultiMap(name);
    await a.addEntryListener({
        added: (e) => events.push(['added', e.key, e.value]),
        removed: (e) => events.push(['removed', e.key, e.oldValue]),
    }, undefined, true);
    const b = await other.getMultiMap(name);
    await b.put('k', 1);
    await b.put('k', 2);
    await b.remove('k', 1);
    await waitFor(() => events.length >= 3, 5000, 'three events');
    await sleep(300);
    assert.deepEqual(events, [['added', 'k', 1], ['added', 'k', 2], ['removed', 'k', 1]]);
});

test('multimap: a key locked by one client makes the other wait', T, async () => {
    const name = uniqueName('mm');
    const a = await client.getMultiMap(name);
    const b = await other.getMultiMap(name);
    await a.lock('k');
    assert.equal(await b.isLocked('k'), true);
    assert.equal(await b.tryLock('k', 100), false);
    const put = b.put('k', 1);
    await sleep(200);
    assert.deepEqual([...(await a.get('k'))], []);
    await a.unlock('k');
    assert.equal(await put, true);
    assert.equal(await a.isLocked('k'), false);
});
