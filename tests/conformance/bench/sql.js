'use strict';
// The SQL workload of benchmarks/Hazelcast.Benchmarks/SqlLoad.cs through the official Node.js client:
//   node bench/sql.js --address 127.0.0.1:5701 --op sql-select|sql-point|get --size <cursor buffer size> --inflight N --seconds S
// sql-select counts rows (one caller reading the 10,000-row mapping whole, again and again); the others count operations.
const { Client } = require('hazelcast-client');

const MAP = 'bench-sql';
const ROWS = 10000;

function parse(argv) {
    const a = { address: '127.0.0.1:5701', inflight: 1, seconds: 10, warmup: 2, size: 4096, op: 'sql-select' };
    for (let i = 0; i < argv.length; i += 2) {
        const name = argv[i].replace(/^--/, '');
        if (!(name in a)) throw new Error(`Unknown option ${argv[i]}`);
        a[name] = name === 'address' || name === 'op' ? argv[i + 1] : Number(argv[i + 1]);
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
        properties: { 'hazelcast.logging.level': 'ERROR', 'hazelcast.client.statistics.enabled': false },
    });
    const map = await client.getMap(MAP);
    if (await map.size() < ROWS) {
        for (let i = 0; i < ROWS; i += 500) await map.setAll(Array.from({ length: 500 }, (_, j) => [i + j, `value-${i + j}`]));
    }
    const sql = client.getSql();
    await sql.execute(`CREATE MAPPING IF NOT EXISTS "${MAP}" TYPE IMap OPTIONS ('keyFormat'='int', 'valueFormat'='varchar')`);

    let measuring = false;
    let stop = false;
    let ops = 0;
    const latencies = [];
    const record = (start) => {
        if (!measuring) return;
        latencies.push(Number(process.hrtime.bigint() - start) / 1000);
        ops++;
    };
    const callers = a.op === 'sql-select' ? 1 : a.inflight;
    const caller = async (c) => {
        for (let i = c; !stop; i += callers) {
            const start = process.hrtime.bigint();
            if (a.op === 'sql-select') {
                const result = await sql.execute(`SELECT __key, this FROM "${MAP}"`, [], { cursorBufferSize: a.size, returnRawResult: true });
                for await (const row of result) {
                    row.getObject(1);
                    record(start);
                }
            } else if (a.op === 'sql-point') {
                // A JS number is a DOUBLE: cast it for the INTEGER key.
                const result = await sql.execute(`SELECT this FROM "${MAP}" WHERE __key = CAST(? AS INTEGER)`, [i % ROWS], { returnRawResult: true });
                for await (const row of result) row.getObject(0);
                record(start);
            } else {
                await map.get(i % ROWS);
                record(start);
            }
        }
    };
    const running = Array.from({ length: callers }, (_, c) => caller(c));
    await new Promise((r) => setTimeout(r, a.warmup * 1000));
    measuring = true;
    const started = process.hrtime.bigint();
    await new Promise((r) => setTimeout(r, a.seconds * 1000));
    measuring = false;
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    stop = true;
    await Promise.all(running);
    latencies.sort((x, y) => x - y);
    console.log(`hazelcast-nodejs: op=${a.op} size=${a.size} inflight=${callers} seconds=${elapsed.toFixed(1)}`);
    console.log(`ops/s=${(ops / elapsed).toFixed(0)} p50_us=${percentile(latencies, 50).toFixed(0)} p99_us=${percentile(latencies, 99).toFixed(0)} alloc_bytes_per_op=NA sends_per_request=NA`);
    await client.shutdown();
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
