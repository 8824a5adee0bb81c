'use strict';
// The messaging workloads of benchmarks/Hazelcast.Benchmarks/MessagingLoad.cs through the official Node.js client:
//   node bench/messaging.js --address 127.0.0.1:5711 --op queue|reliable-topic --inflight N --seconds 10 --size 100
// queue: N producers put, N consumers take (latency: a take's round trip; the member bounds the queue to 10,000);
// reliable-topic: one publisher that publishes as soon as its previous publish is acknowledged, N listeners
// (latency: publish to receipt); flake-id / pn-counter: N callers loop newId() / incrementAndGet(). The Node.js
// client has no plain topic.
const { Client } = require('hazelcast-client');

function parse(argv) {
    const a = { address: '127.0.0.1:5701', inflight: 1, seconds: 10, warmup: 2, size: 100, op: 'queue' };
    for (let i = 0; i < argv.length; i += 2) {
        const name = argv[i].replace(/^--/, '');
        if (!(name in a)) throw new Error(`Unknown option ${argv[i]}`);
        a[name] = name === 'address' || name === 'op' ? argv[i + 1] : Number(argv[i + 1]);
    }
    if (!['queue', 'reliable-topic', 'flake-id', 'pn-counter'].includes(a.op)) throw new Error('--op is queue, reliable-topic, flake-id or pn-counter');
    return a;
}

const percentile = (sorted, p) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p / 100) - 1)]);
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

(async () => {
    const a = parse(process.argv.slice(2));
    const client = await Client.newHazelcastClient({
        clusterName: 'dev',
        network: { clusterMembers: [a.address] },
        properties: { 'hazelcast.logging.level': 'ERROR', 'hazelcast.client.statistics.enabled': false },
    });
    let measuring = false;
    let stop = false;
    let ops = 0;
    const latencies = [];
    const count = (startUs) => {
        if (!measuring) return;
        latencies.push(nowUs() - startUs);
        ops++;
    };
    const workers = [];
    if (a.op === 'queue') {
        const queue = await client.getQueue('bench-queue');
        await queue.clear();
        const value = Buffer.alloc(a.size, 7);
        for (let i = 0; i < a.inflight; i++) {
            workers.push((async () => { while (!stop) await queue.put(value); })());
            workers.push((async () => {
                while (!stop) {
                    const start = nowUs();
                    await queue.take();
                    count(start);
                }
            })());
        }
    } else if (a.op === 'flake-id' || a.op === 'pn-counter') {
        // A new generator per run (see MessagingLoad.cs: a used-up generator measures the member's 64 ids/ms limit).
        const target = a.op === 'flake-id' ? await client.getFlakeIdGenerator(`bench-ids-${process.pid}-${Date.now()}`) : await client.getPNCounter('bench-counter');
        const call = a.op === 'flake-id' ? () => target.newId() : () => target.incrementAndGet();
        for (let i = 0; i < a.inflight; i++) {
            workers.push((async () => {
                while (!stop) {
                    const start = nowUs();
                    await call();
                    count(start);
                }
            })());
        }
    } else {
        const topic = await client.getReliableTopic('bench-topic');
        for (let i = 0; i < a.inflight; i++) topic.addMessageListener((m) => count(m.messageObject));
        await new Promise((r) => setTimeout(r, 300)); // listeners start from the tail asynchronously
        workers.push((async () => {
            while (!stop) await topic.publish(nowUs());
        })());
    }
    await new Promise((r) => setTimeout(r, a.warmup * 1000));
    measuring = true;
    const started = process.hrtime.bigint();
    await new Promise((r) => setTimeout(r, a.seconds * 1000));
    measuring = false;
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    stop = true;
    latencies.sort((x, y) => x - y);
    console.log(`hazelcast-nodejs: op=${a.op} size=${a.size} inflight=${a.inflight} seconds=${elapsed.toFixed(1)}`);
    console.log(`ops/s=${(ops / elapsed).toFixed(0)} p50_us=${percentile(latencies, 50).toFixed(0)} p99_us=${percentile(latencies, 99).toFixed(0)} alloc_bytes_per_op=NA sends_per_request=NA`);
    await client.shutdown();
    process.exit(0);
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
