'use strict';

// SQL: the official client's client.getSql().execute(...) against the in-process member: mappings, rows and
// metadata, paging through cursors, parameters, update counts, and Hazelcast's error codes.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const { SqlColumnType } = require('hazelcast-client');
const { SqlErrorCode } = require('hazelcast-client/lib/sql/SqlErrorCode');
const { useCluster, uniqueName } = require('./support/member');

const cluster = useCluster();
let client;

before(async () => {
    client = await cluster.newClient();
});

const T = { timeout: 30_000 };

async function rows(result) {
    const out = [];
    for await (const row of result) out.push(row);
    return out;
}

test('a query reads a mapping with rows, metadata and pages', T, async () => {
    const name = uniqueName('students');
    const map = await client.getMap(name);
    for (let i = 0; i < 25; i++) await map.set(i, `student-${i}`);
    const ddl = await client.getSql().execute(`CREATE MAPPING "${name}" TYPE IMap OPTIONS ('keyFormat'='int', 'valueFormat'='varchar')`);
    assert.equal(ddl.updateCount.toNumber(), 0);
    assert.equal(ddl.isRowSet(), false);

    // cursorBufferSize 4: seven pages, fetched by the client as it iterates.
    const result = await client.getSql().execute(`SELECT __key, this FROM "${name}" WHERE __key >= CAST(? AS INTEGER) ORDER BY __key`, [5],
        { cursorBufferSize: 4, returnRawResult: true });
    assert.equal(result.isRowSet(), true);
    assert.equal(result.updateCount.toNumber(), -1);
    const metadata = result.rowMetadata;
    assert.equal(metadata.getColumnCount(), 2);
    assert.equal(metadata.getColumn(0).name, '__key');
    assert.equal(metadata.getColumn(0).type, SqlColumnType.INTEGER);
    assert.equal(metadata.getColumn(1).type, SqlColumnType.VARCHAR);
    assert.equal(metadata.findColumn('this'), 1);
    assert.equal(metadata.findColumn('nope'), -1);
    const all = await rows(result);
    assert.deepEqual(all.map(r => r.getObject('__key')), Array.from({ length: 20 }, (_, i) => i + 5));
    assert.equal(all[0].getObject(1), 'student-5');
});

test('commands, json-flat columns, aggregates and plain-object rows', T, async () => {
    const name = uniqueName('people');
    const sql = client.getSql();
    await sql.execute(`CREATE MAPPING "${name}" (__key INT, name VARCHAR, age INT, city VARCHAR) TYPE IMap OPTIONS ('keyFormat'='int', 'valueFormat'='json-flat')`);
    await sql.execute(`INSERT INTO "${name}" VALUES (1, 'ann', 30, 'Paris'), (2, 'bob', 17, 'Lyon'), (3, 'cy', 45, 'Paris')`);
    const map = await client.getMap(name);
    // The member stored JSON values (the client parses them on read by default; its number keys would be doubles, so
    // the values are read all at once).
    assert.deepEqual((await map.values()).toArray().find((v) => v.name === 'bob'), { name: 'bob', age: 17, city: 'Lyon' });

    const byCity = await rows(await sql.execute(`SELECT city, COUNT(*) AS n, AVG(age) AS mean FROM "${name}" GROUP BY city ORDER BY city`));
    assert.deepEqual(byCity.map(r => [r.city, r.n.toNumber()]), [['Lyon', 1], ['Paris', 2]]);
    assert.equal(byCity[1].mean.toString(), '37.5');

    await sql.execute(`UPDATE "${name}" SET age = age + 1 WHERE city = ?`, ['Paris']);
    await sql.execute(`DELETE FROM "${name}" WHERE age < 18`);
    const left = await rows(await sql.execute(`SELECT name, age FROM "${name}" ORDER BY age DESC`));
    assert.deepEqual(left.map(r => [r.name, r.age]), [['cy', 46], ['ann', 31]]);
});

test('errors have Hazelcast codes, the originating member and a suggestion', T, async () => {
    const name = uniqueName('unmapped');
    await (await client.getMap(name)).set('k', 1);
    await assert.rejects(client.getSql().execute(`SELECT * FROM "${name}"`), (e) => {
        assert.equal(e.code, SqlErrorCode.OBJECT_NOT_FOUND);
        assert.match(e.message, /did you forget to CREATE MAPPING\?/);
        assert.match(e.suggestion, /CREATE MAPPING "/);
        assert.ok(e.originatingMemberId);
        return true;
    });
    await assert.rejects(client.getSql().execute('SELECT FROM WHERE'), (e) => e.code === SqlErrorCode.PARSING);
    // A JS number is a DOUBLE: compared with an INTEGER column, the member asks for a CAST.
    const ints = uniqueName('ints');
    await (await client.getMap(ints)).set(1, 1);
    await client.getSql().execute(`CREATE MAPPING "${ints}" TYPE IMap OPTIONS ('keyFormat'='int', 'valueFormat'='int')`);
    await assert.rejects(client.getSql().execute(`SELECT * FROM "${ints}" WHERE this = ?`, [1]), (e) => {
        assert.equal(e.code, SqlErrorCode.DATA_EXCEPTION);
        assert.match(e.message, /must be of INTEGER type, but DOUBLE was found/);
        return true;
    });
});

test('closing a result before its last page closes the cursor', T, async () => {
    const name = uniqueName('many');
    const map = await client.getMap(name);
    for (let i = 0; i < 12; i++) await map.set(i, i);
    await client.getSql().execute(`CREATE MAPPING "${name}" TYPE IMap OPTIONS ('keyFormat'='int', 'valueFormat'='int')`);
    const result = await client.getSql().execute(`SELECT * FROM "${name}"`, [], { cursorBufferSize: 2 });
    const iterator = result[Symbol.asyncIterator]();
    await iterator.next();
    await result.close();
    // The rows of the first page are still served; the fetch of the next one is refused.
    await assert.rejects((async () => {
        for (;;) if ((await iterator.next()).done) return;
    })(), (e) => e.code === SqlErrorCode.CANCELLED_BY_USER);
});
