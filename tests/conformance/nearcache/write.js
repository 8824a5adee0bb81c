'use strict';
// Writes one entry through the official Node.js client: node nearcache/write.js ADDRESS MAP KEY VALUE
// (the .NET near-cache tests check that what it writes invalidates our client's near cache).
const { Client } = require('hazelcast-client');

(async () => {
    const [address, mapName, key, value] = process.argv.slice(2);
    const client = await Client.newHazelcastClient({
        clusterName: 'dev',
        network: { clusterMembers: [address] },
        properties: { 'hazelcast.logging.level': 'ERROR' },
    });
    await (await client.getMap(mapName)).set(key, value);
    await client.shutdown();
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
