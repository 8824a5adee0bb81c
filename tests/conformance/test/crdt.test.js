'use strict';

// Flake ID generators and PN counters: the official client's operations against the in-process member.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const { useCluster, uniqueName } = require('./support/member');

const cluster = useCluster();
let client;
let other;

before(async () => {
    client = await cluster.newClient();
    other = await cluster.newClient();
});

const T = { timeout: 30_000 };

test('flake id generator: ids from two clients are unique and carry the time', T, async () => {
    const name = uniqueName('ids');
    const generators = [await client.getFlakeIdGenerator(name), await other.getFlakeIdGenerator(name)];
    const all = new Set();
    // Ids are roughly ordered in time, not increasing: a client's batches come from several members.
    const epoch = 1514764800000;
    for (const generator of generators) {
        for (let i = 0; i < 300; i++) {
            const id = await generator.newId();
            const millis = id.shiftRight(22).toNumber() + epoch;
            assert.ok(Math.abs(millis - Date.now()) < 60_000, `the id ${id} carries a time near now (${new Date(millis).toISOString()})`);
            all.add(id.toString());
        }
    }
    assert.equal(all.size, 600, 'no id was handed out twice');
});

test('pn counter: increments and decrements of two clients converge, before/after values as Hazelcast defines', T, async () => {
    const name = uniqueName('pn');
    const a = await client.getPNCounter(name);
    const b = await other.getPNCounter(name);
    assert.equal((await a.getAndAdd(5)).toNumber(), 0);
    assert.equal((await a.addAndGet(3)).toNumber(), 8);
    assert.equal((await b.decrementAndGet()).toNumber(), 7);
    assert.equal((await b.getAndSubtract(2)).toNumber(), 7);
    await Promise.all([...Array(50)].map(() => a.incrementAndGet()).concat([...Array(20)].map(() => b.decrementAndGet())));
    assert.equal((await a.get()).toNumber(), 35);
    assert.equal((await b.get()).toNumber(), 35);
});
