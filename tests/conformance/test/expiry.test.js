'use strict';

// TTL, max idle and lock leases. The member sweeps expired entries every second, and reads check expiry too;
// the waits below leave at least a second of slack on top of the expiry time. The cases run concurrently.

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const Long = require('long');
const { useCluster, sleep, uniqueName } = require('./support/member');

const cluster = useCluster();
let client;

before(async () => {
    client = await cluster.newClient();
});

const T = { timeout: 20_000 };
const toNumber = (v) => (Long.isLong(v) ? v.toNumber() : v);

describe('expiry', { concurrency: true }, () => {
    test('an entry with ttl 1000 ms is gone after 2.5 s', T, async () => {
        const map = await client.getMap(uniqueName('ttl'));
        const putAt = Date.now();
        await map.put('ttl', 'v', 1000);
        await map.put('forever', 'v');
        assert.equal(await map.get('ttl'), 'v', 'present right after the put');
        const view = await map.getEntryView('ttl');
        assert.equal(toNumber(view.ttl), 1000);
        const expiration = toNumber(view.expirationTime);
        const expected = putAt + 1000; // without per-entry stats there is no creation time; expiry is kept to the second
        assert.ok(Math.abs(expiration - expected) < 1100, `expirationTime ${expiration} ~ put time + ttl ${expected}`);
        await sleep(300);
        assert.equal(await map.containsKey('ttl'), true, 'still present before the ttl');
        await sleep(2200);
        assert.equal(await map.get('ttl'), null, 'gone after the ttl');
        assert.equal(await map.containsKey('ttl'), false);
        assert.equal(await map.size(), 1);
        assert.deepEqual(await map.keySet(), ['forever']);
        assert.equal(await map.get('forever'), 'v', 'an entry without ttl stays');
    });

    test('set/putIfAbsent/putTransient/setTtl with ttl 1000 ms expire', T, async () => {
        const map = await client.getMap(uniqueName('ttl-ops'));
        await map.set('set', 1, 1000);
        await map.putIfAbsent('pia', 2, 1000);
        await map.putTransient('pt', 3, 1000);
        await map.put('setTtl', 4);
        assert.equal(await map.setTtl('setTtl', 1000), true);
        await map.set('set-maxidle', 5, 1000, 60_000);
        await map.put('put-maxidle', 6, 1000, 60_000);
        await map.putIfAbsent('pia-maxidle', 7, 1000, 60_000);
        await map.putTransient('pt-maxidle', 8, 1000, 60_000);
        await map.put('stays', 0);
        assert.equal(await map.size(), 9);
        await sleep(2500);
        assert.deepEqual(await map.keySet(), ['stays'], 'only the entry without ttl remains');
        for (const key of ['set', 'pia', 'pt', 'setTtl', 'set-maxidle', 'put-maxidle', 'pia-maxidle', 'pt-maxidle']) {
            assert.equal(await map.get(key), null, `${key} expired`);
        }
    });

    test('a put with a new ttl replaces the old one', T, async () => {
        const map = await client.getMap(uniqueName('ttl-update'));
        await map.put('k', 'short', 1000);
        await map.put('k', 'long', 60_000);
        await sleep(2500);
        assert.equal(await map.get('k'), 'long', 'the longer ttl of the second put applies');
        assert.equal(await map.setTtl('k', 0), true, 'ttl 0 means forever');
        assert.equal(toNumber((await map.getEntryView('k')).ttl) > 60_000, true);
    });

    test('an entry with max idle 1000 ms lives while it is read and is gone 2.5 s after the last read', T, async () => {
        const map = await client.getMap(uniqueName('maxidle'));
        await map.put('idle', 'v', undefined, 1000);
        await map.put('untouched', 'v', undefined, 1000);
        const view = await map.getEntryView('idle');
        assert.equal(toNumber(view.maxIdle), 1000);
        const start = Date.now();
        while (Date.now() - start < 2000) {
            await sleep(300);
            assert.equal(await map.get('idle'), 'v', `alive after ${Date.now() - start} ms of regular reads`);
        }
        assert.equal(await map.containsKey('untouched'), false, 'the entry nobody read is gone after 2 s');
        await sleep(2500);
        assert.equal(await map.get('idle'), null, 'gone 2.5 s after the last read');
        assert.equal(await map.size(), 0);
    });

    test('ttl and max idle together: the earlier one wins', T, async () => {
        const map = await client.getMap(uniqueName('ttl-and-idle'));
        await map.put('k', 'v', 1500, 60_000);
        const start = Date.now();
        while (Date.now() - start < 1000) {
            await sleep(250);
            assert.equal(await map.get('k'), 'v');
        }
        await sleep(2000);
        assert.equal(await map.get('k'), null, 'reads do not extend the ttl');
    });

    test('a lock with a lease is released when the lease ends', T, async () => {
        const name = uniqueName('lease');
        const map = await client.getMap(name);
        const other = await cluster.newClient();
        const otherMap = await other.getMap(name);
        await map.lock('lock', 500);
        assert.equal(await map.tryLock('trylock', 0, 500), true);
        assert.equal(await otherMap.isLocked('lock'), true);
        assert.equal(await otherMap.tryLock('lock', 0), false);
        await sleep(1500);
        assert.equal(await otherMap.isLocked('lock'), false, 'the lease ended');
        assert.equal(await otherMap.isLocked('trylock'), false, 'the tryLock lease ended');
        await assert.rejects(map.unlock('lock'), (e) => e.constructor.name === 'IllegalMonitorStateError',
            'unlocking after the lease ended is an IllegalMonitorStateError');
        assert.equal(await otherMap.tryLock('lock', 0), true);
        await otherMap.unlock('lock');
    });

    test('a put blocked by another client\'s lock goes through when the lease ends', T, async () => {
        const name = uniqueName('lease-put');
        const map = await client.getMap(name);
        const other = await cluster.newClient();
        const otherMap = await other.getMap(name);
        await map.put('k', 'A');
        await map.lock('k', 600);
        const start = Date.now();
        assert.equal(await otherMap.put('k', 'B'), 'A');
        const waited = Date.now() - start;
        assert.ok(waited >= 400 && waited < 4000, `the put waited ${waited} ms for the 600 ms lease`);
        assert.equal(await map.get('k'), 'B');
        assert.equal(await map.isLocked('k'), false);
    });

    test('a waiting tryLock gets the lock when the holder\'s lease ends', T, async () => {
        const name = uniqueName('lease-wait');
        const map = await client.getMap(name);
        const other = await cluster.newClient();
        const otherMap = await other.getMap(name);
        await map.lock('k', 700);
        const start = Date.now();
        assert.equal(await otherMap.tryLock('k', 5000), true);
        const waited = Date.now() - start;
        assert.ok(waited >= 500 && waited < 4000, `waited ${waited} ms for the 700 ms lease`);
        await otherMap.unlock('k');
    });
});
