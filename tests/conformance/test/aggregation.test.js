'use strict';

// Aggregations: the official client's built-in aggregators against the in-process member, on the README's students.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const { Aggregators, Predicates, HazelcastJsonValue } = require('hazelcast-client');
const { useCluster, uniqueName } = require('./support/member');

const cluster = useCluster();
let client;

before(async () => {
    client = await cluster.newClient();
});

const T = { timeout: 30_000 };

test('aggregations over JSON students give what a member computes', T, async () => {
    const map = await client.getMap(uniqueName('students'));
    await map.set('s1', new HazelcastJsonValue(JSON.stringify({ name: 'ana', age: 20, score: 3.5, city: 'Lyon' })));
    await map.set('s2', new HazelcastJsonValue(JSON.stringify({ name: 'bo', age: 22, score: 4.25, city: 'Oslo' })));
    await map.set('s3', new HazelcastJsonValue(JSON.stringify({ name: 'cy', age: 24, score: 2.5, city: 'Lyon' })));
    assert.equal((await map.aggregate(Aggregators.count())).toNumber(), 3);
    assert.equal((await map.aggregate(Aggregators.longSum('age'))).toNumber(), 66);
    assert.equal(await map.aggregate(Aggregators.longAvg('age')), 22);
    assert.equal(await map.aggregate(Aggregators.doubleSum('score')), 10.25);
    assert.equal(await map.aggregate(Aggregators.numberAvg('age')), 22);
    assert.equal((await map.aggregate(Aggregators.max('age'))).toNumber(), 24);
    // The Node.js client's distinct(attributePath) drops the path (5.7.0 sends none): distinct whole values.
    const cities = await client.getMap(uniqueName('cities'));
    await cities.putAll([['a', 'Lyon'], ['b', 'Oslo'], ['c', 'Lyon']]);
    assert.deepEqual([...(await cities.aggregate(Aggregators.distinct()))].sort(), ['Lyon', 'Oslo']);
    assert.equal((await map.aggregateWithPredicate(Aggregators.count(), Predicates.equal('city', 'Lyon'))).toNumber(), 2);
});
