'use strict';
// Runs a fixed sequence of map calls through the official Node.js client against the member at argv[2].
// The .NET test makes the same calls through our client; the member records both request streams, and the
// bytes are compared message by message (correlation ids aside).
const { Client } = require('hazelcast-client');

(async () => {
    const address = process.argv[2];
    const client = await Client.newHazelcastClient({
        clusterName: 'dev',
        network: { clusterMembers: [address] },
        properties: { 'hazelcast.logging.level': 'ERROR', 'hazelcast.client.statistics.enabled': false },
    });
    console.log('BEGIN');
    const map = await client.getMap('capture');
    await map.put('key', 'value1');
    await map.get('key');
    await map.set('key', 'value2');
    await map.put('key', 'value3', 1500);
    await map.set('key', 'value4', 1500, 2500);
    await map.containsKey('key');
    await map.putIfAbsent('other', 'value1');
    await map.replace('key', 'value5');
    await map.replaceIfSame('key', 'value5', 'value6');
    await map.remove('key');
    await map.delete('other');
    await map.size();
    await map.clear();
    console.log('END');
    await client.shutdown();
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
