'use strict';

// Replicated maps: the official client's operations and listeners against the in-process member.

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

test('replicated map: what one client writes the other reads, with previous values', T, async () => {
    const name = uniqueName('rm');
    const a = await client.getReplicatedMap(name);
    const b = await other.getReplicatedMap(name);
    assert.equal(await a.put('k', 'v1'), null);
    assert.equal(await a.put('k', 'v2'), 'v1');
    await a.putAll([['x', 'X'], ['y', 'Y']]);
    assert.equal(await b.get('k'), 'v2');
    assert.equal(await b.size(), 3);
    assert.equal(await b.containsKey('x'), true);
    assert.equal(await b.containsValue('Y'), true);
    assert.deepEqual([...(await b.keySet())].sort(), ['k', 'x', 'y']);
    assert.equal(await b.remove('k'), 'v2');
    await b.clear();
    assert.equal(await a.isEmpty(), true);
});

test('replicated map: a listener of another client hears each change once', T, async () => {
    const name = uniqueName('rm');
    const events = [];
    const a = await client.getReplicatedMap(name);
    await a.addEntryListener({
        added: (e) => events.push(['added', e.key, e.value]),
        updated: (e) => events.push(['updated', e.key, e.value, e.oldValue]),
        removed: (e) => events.push(['removed', e.key, e.oldValue]),
        mapCleared: (e) => events.push(['cleared', e.numberOfAffectedEntries]),
    });
    const b = await other.getReplicatedMap(name);
    await b.put('k', 1);
    await b.put('k', 2);
    await b.remove('k');
    await b.put('z', 3);
    await b.clear();
    await waitFor(() => events.length >= 5, 5000, 'five events');
    await sleep(300);
    assert.deepEqual(events, [['added', 'k', 1], ['updated', 'k', 2, 1], ['removed', 'k', 2], ['added', 'z', 3], ['cleared', 1]]);
});
