'use strict';
// The load tool's workload through the official Node.js client, for side-by-side runs:
//   node bench/load.js --address 127.0.0.1:5701 --inflight 128 --seconds 10 --size 100 --op mixed|get|set
// Ends with the same one-line summary as the .NET load tool (allocation and send counts are not available here).
const { Client } = require('hazelcast-client');

function parse(argv) {
    const a = { address: '127.0.0.1:5701', inflight: 128, seconds: 10, warmup: 2, size: 100, op: 'mixed', keys: 1000, 'near-cache': 0 };
    for (let i = 0; i < argv.length; i += 2) {
        const name = argv[i].replace(/^--/, '');
        if (!(name in a)) throw new Error(`Unknown option ${argv[i]}`);
        a[name] = name === 'address' || name === 'op' ? argv[i + 1] : name === 'near-cache' ? (['1', 'true', 'on'].includes(argv[i + 1]) ? 1 : 0) : Number(argv[i + 1]);
    }
    return a;
}

function percentile(sorted, p) {
    if (sorted.length === 0) return 0;
    return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p / 100) - 1)];
}

(async () => {
    const a = parse(process.argv.slice(2));
    const client = await Client.newHazelcastClient({
        clusterName: 'dev',
        network: { clusterMembers: [a.address] },
        nearCaches: a['near-cache'] ? { bench: { inMemoryFormat: 'OBJECT', invalidateOnChange: true } } : {},
        properties: { 'hazelcast.logging.level': 'ERROR', 'hazelcast.client.statistics.enabled': false },
    });
    const map = await client.getMap('bench');
    const value = Buffer.alloc(a.size, 7);
    const keys = Array.from({ length: a.keys }, (_, i) => `key-${i}`);
    for (let i = 0; i < keys.length; i += 500) await map.setAll(keys.slice(i, i + 500).map((k) => [k, value]));

    let measuring = false;
    let stop = false;
    let ops = 0;
    const latencies = [];
    const caller = async (c) => {
        for (let i = c; !stop; i += a.inflight) {
            const key = keys[i % keys.length];
            const start = process.hrtime.bigint();
            const get = a.op === 'get' || (a.op === 'mixed' && (i & 1) === 0) || (a.op === 'read-mostly' && i % 20 !== 0);
            if (get) await map.get(key); else await map.set(key, value);
            // Near-cache hits resolve as microtasks: without a turn of the event loop now and then, no timer (the end
            // of the run) would ever fire while callers keep hitting.
            if (a['near-cache'] && ((i - c) / a.inflight) % 64 === 63) await new Promise((r) => setImmediate(r));
            if (measuring) {
                latencies.push(Number(process.hrtime.bigint() - start) / 1000);
                ops++;
            }
        }
    };
    const callers = Array.from({ length: a.inflight }, (_, c) => caller(c));
    await new Promise((r) => setTimeout(r, a.warmup * 1000));
    measuring = true;
    const started = process.hrtime.bigint();
    await new Promise((r) => setTimeout(r, a.seconds * 1000));
    measuring = false;
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    stop = true;
    await Promise.all(callers);
    latencies.sort((x, y) => x - y);
    const rate = ops / elapsed;
    console.log(`hazelcast-nodejs: op=${a.op} size=${a.size} inflight=${a.inflight} seconds=${elapsed.toFixed(1)}`);
    console.log(`ops/s=${rate.toFixed(0)} p50_us=${percentile(latencies, 50).toFixed(0)} p99_us=${percentile(latencies, 99).toFixed(0)} alloc_bytes_per_op=NA sends_per_request=NA`);
    await client.shutdown();
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
