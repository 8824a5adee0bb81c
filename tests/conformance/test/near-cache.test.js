'use strict';

// The official client's near cache against our member: it registers its invalidation listener, fetches the
// invalidation metadata, serves hits from memory, and drops what another client changes. The member sends each
// invalidation at once (--invalidation-batch-size 1).

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const { useCluster, sleep, uniqueName } = require('./support/member');

const cluster = useCluster({ extraArgs: ['--invalidation-batch-size', '1'] });
let reader;
let writer;

before(async () => {
    reader = await cluster.newClient({ nearCaches: { 'nc-*': { invalidateOnChange: true } } });
    writer = await cluster.newClient();
});

const T = { timeout: 20_000 };

async function eventually(what, check) {
    const deadline = Date.now() + 5000;
    while (!(await check())) {
        if (Date.now() > deadline) assert.fail(`${what} did not happen within 5 s`);
        await sleep(10);
    }
}

describe('near cache', () => {
    test('a second get is a near-cache hit', T, async () => {
        const name = uniqueName('nc-hits');
        const map = await reader.getMap(name);
        await (await writer.getMap(name)).set('k', 'v');
        assert.equal(await map.get('k'), 'v');
        assert.equal(await map.get('k'), 'v');
        // The proxy's near cache is internal to the client; its counters are what its statistics report.
        const stats = map.nearCache.getStatistics();
        assert.equal(stats.hitCount, 1);
        assert.equal(stats.missCount, 1);
        assert.equal(stats.entryCount, 1);
    });

    test("another client's set, remove and clear reach the near cache", T, async () => {
        const name = uniqueName('nc-writes');
        const cached = await reader.getMap(name);
        const written = await writer.getMap(name);
        await written.set('k', 'v1');
        assert.equal(await cached.get('k'), 'v1');
        await written.set('k', 'v2');
        await eventually('the set', async () => (await cached.get('k')) === 'v2');
        await written.remove('k');
        await eventually('the remove', async () => (await cached.get('k')) === null);
        await written.set('a', '1');
        await eventually('the set of a', async () => (await cached.get('a')) === '1');
        await written.clear();
        await eventually('the clear', async () => (await cached.get('a')) === null);
    });
});
