'use strict';

// Queue, List, Set, Ringbuffer and ReliableTopic: the official client's own operations against the in-process member.
// Queues named bounded-* hold 2 items; ringbuffers small-* (and the reliable topics small-*) hold 3.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const { StaleSequenceError, IndexOutOfBoundsError } = require('hazelcast-client');
const { useCluster, sleep, waitFor, uniqueName } = require('./support/member');

const cluster = useCluster({ extraArgs: ['--queue-max-size', 'bounded-*=2', '--ringbuffer', 'small-*=3', '--ringbuffer', '_hz_rb_small-*=3'] });
let client;
let other;

before(async () => {
    client = await cluster.newClient();
    other = await cluster.newClient();
});

const T = { timeout: 30_000 };
const SETTLE_MS = 300;

test('queue: offer, poll, peek, drain, FIFO order, and a bounded queue refuses offers when full', T, async () => {
    const queue = await client.getQueue(uniqueName('q'));
    assert.equal(await queue.poll(), null);
    assert.equal(await queue.offer('a'), true);
    assert.equal(await queue.add('b'), true);
    await queue.put('c');
    assert.equal(await queue.size(), 3);
    assert.equal(await queue.peek(), 'a');
    assert.equal(await queue.poll(), 'a');
    assert.equal(await queue.contains('b'), true);
    assert.deepEqual(await queue.toArray(), ['b', 'c']);
    const drained = [];
    assert.equal(await queue.drainTo(drained), 2);
    assert.deepEqual(drained, ['b', 'c']);
    assert.equal(await queue.isEmpty(), true);

    const bounded = await client.getQueue(uniqueName('bounded'));
    assert.equal(await bounded.offer(1), true);
    assert.equal(await bounded.offer(2), true);
    assert.equal(await bounded.remainingCapacity(), 0);
    assert.equal(await bounded.offer(3), false);
    const started = Date.now();
    assert.equal(await bounded.offer(3, 300), false);
    assert.ok(Date.now() - started >= 250, 'the offer waited for room');
});

test('queue: take and poll with a timeout wait on the member for an item another client offers', T, async () => {
    const name = uniqueName('q');
    const queue = await client.getQueue(name);
    const take = queue.take();
    const poll = queue.poll(10_000);
    await sleep(200);
    const writer = await other.getQueue(name);
    await writer.offer('first');
    await writer.offer('second');
    assert.equal(await take, 'first');
    assert.equal(await poll, 'second');
    const started = Date.now();
    assert.equal(await queue.poll(300), null);
    assert.ok(Date.now() - started >= 250);
});

test('queue: item listeners of another client hear each change once, with or without the item', T, async () => {
    const name = uniqueName('q');
    const events = [];
    const bare = [];
    const queue = await client.getQueue(name);
    await queue.addItemListener({ itemAdded: (e) => events.push(['added', e.item]), itemRemoved: (e) => events.push(['removed', e.item]) }, true);
    await queue.addItemListener({ itemAdded: (e) => bare.push(e.item) }, false);
    const writer = await other.getQueue(name);
    await writer.offer('x');
    await writer.offer('y');
    await writer.poll();
    await waitFor(() => events.length >= 3 && bare.length >= 2, 5000, 'item events');
    await sleep(SETTLE_MS);
    assert.deepEqual(events, [['added', 'x'], ['added', 'y'], ['removed', 'x']]);
    assert.deepEqual(bare, [null, null]);
});

test('list: indexed operations, and an index out of range is IndexOutOfBounds', T, async () => {
    const list = await client.getList(uniqueName('list'));
    await list.add('a');
    await list.add('c');
    await list.addAt(1, 'b');
    assert.deepEqual(await list.toArray(), ['a', 'b', 'c']);
    assert.equal(await list.get(1), 'b');
    assert.equal(await list.set(2, 'C'), 'c');
    assert.equal(await list.indexOf('C'), 2);
    assert.equal(await list.lastIndexOf('z'), -1);
    assert.deepEqual((await list.subList(0, 2)).toArray(), ['a', 'b']);
    assert.equal(await list.removeAt(0), 'a');
    assert.equal(await list.size(), 2);
    await assert.rejects(list.get(5), IndexOutOfBoundsError);
});

test('set: no duplicates, and listeners hear adds and removes', T, async () => {
    const name = uniqueName('set');
    const set = await client.getSet(name);
    const events = [];
    await set.addItemListener({ itemAdded: (e) => events.push(['added', e.item]), itemRemoved: (e) => events.push(['removed', e.item]) }, true);
    const writer = await other.getSet(name);
    assert.equal(await writer.add('a'), true);
    assert.equal(await writer.add('a'), false);
    assert.equal(await writer.addAll(['b', 'c']), true);
    assert.equal(await writer.remove('b'), true);
    assert.equal(await set.size(), 2);
    assert.deepEqual((await set.toArray()).sort(), ['a', 'c']);
    await waitFor(() => events.length >= 4, 5000, 'set events');
    await sleep(SETTLE_MS);
    assert.deepEqual(events, [['added', 'a'], ['added', 'b'], ['added', 'c'], ['removed', 'b']]);
});

test('ringbuffer: sequences, batches, overwriting, and a stale sequence is StaleSequence', T, async () => {
    const rb = await client.getRingbuffer(uniqueName('small'));
    assert.equal((await rb.capacity()).toNumber(), 3);
    assert.equal((await rb.add('a')).toNumber(), 0);
    assert.equal((await rb.addAll(['b', 'c', 'd'])).toNumber(), 3);
    assert.equal((await rb.headSequence()).toNumber(), 1);
    assert.equal((await rb.tailSequence()).toNumber(), 3);
    assert.equal(await rb.readOne(2), 'c');
    const batch = await rb.readMany(1, 1, 10);
    assert.deepEqual([...batch], ['b', 'c', 'd']);
    assert.equal(batch.getReadCount(), 3);
    assert.equal(batch.getSequence(2).toNumber(), 3);
    await assert.rejects(rb.readOne(0), StaleSequenceError);
    const pending = rb.readOne(4); // waits for the next add
    await sleep(100);
    await (await other.getRingbuffer(rb.getName())).add('e');
    assert.equal(await pending, 'e');
});

test('reliable topic: every listener of every client receives every message in order', T, async () => {
    const name = uniqueName('rt');
    const received = [];
    const theirs = [];
    const topic = await client.getReliableTopic(name);
    topic.addMessageListener((m) => received.push(m.messageObject));
    (await other.getReliableTopic(name)).addMessageListener((m) => theirs.push(m.messageObject));
    await sleep(300); // listeners start reading from the tail asynchronously
    for (let i = 0; i < 50; i++) await topic.publish(i);
    await waitFor(() => received.length >= 50 && theirs.length >= 50, 10_000, '50 messages on both clients');
    await sleep(SETTLE_MS);
    assert.deepEqual(received, Array.from({ length: 50 }, (_, i) => i));
    assert.deepEqual(theirs, received);
});
