'use strict';
// Connects the official Node.js client to the member at argv[2] with client statistics every second, a near cache
// on map "nc-stats" read a few times, and stays long enough for two reports; the .NET test then reads what the
// member decoded of them.
const { Client } = require('hazelcast-client');

(async () => {
    const address = process.argv[2];
    const client = await Client.newHazelcastClient({
        clusterName: 'dev',
        network: { clusterMembers: [address] },
        metrics: { enabled: true, collectionFrequencySeconds: 1 },
        nearCaches: { 'nc-stats': {} },
        properties: { 'hazelcast.logging.level': 'ERROR' },
    });
    const map = await client.getMap('nc-stats');
    await map.put('k', 'v');
    for (let i = 0; i < 3; i++) await map.get('k');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await client.shutdown();
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
