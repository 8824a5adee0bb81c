'use strict';

// Unsupported operations, authentication and distributed objects.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { HazelcastSerializationError, UnsupportedOperationError } = require('hazelcast-client');
const { useCluster, startMember, newClient, shutdownClients, uniqueName } = require('./support/member');

const cluster = useCluster();
let client;

before(async () => {
    client = await cluster.newClient();
});

const T = { timeout: 30_000 };

// A stand-in entry processor: the client serializes it as IdentifiedDataSerializable (factory 66, class 1).
class NoopEntryProcessor {
    constructor() {
        this.factoryId = 66;
        this.classId = 1;
    }

    readData() { }

    writeData() { }
}

const connectionsOf = (c) => c.connectionRegistry.getConnections();

/** Client options that fail fast, with a logger that keeps the client's warnings for the assertions. */
function failFast() {
    const warnings = [];
    const keep = (_, message) => warnings.push(String(message));
    const customLogger = { log() { }, error: keep, warn: keep, info() { }, debug() { }, trace() { } };
    return { warnings, options: { customLogger, connectionStrategy: { connectionRetry: { clusterConnectTimeoutMillis: 2000 } } } };
}

/** The client's error when it cannot connect, and the proof it was the member that refused the credentials. */
function assertRefused(result, warnings, label) {
    assert.ok(result instanceof Error, `${label}: the client must not connect`);
    assert.equal(result.constructor.name, 'IllegalStateError', `${label}: ${result.constructor.name}: ${result.message}`);
    assert.match(result.message, /Unable to connect to any cluster/, label);
    assert.ok(warnings.some((w) => /Authentication failed - .*could not be authenticated/.test(w)),
        `${label}: the member answered the authentication with CREDENTIALS_FAILED; warnings: ${warnings.slice(0, 3).join(' | ')}`);
}

async function expectUnsupported(label, promise) {
    const started = Date.now();
    await assert.rejects(promise, (e) => {
        assert.ok(e instanceof UnsupportedOperationError,
            `${label}: expected UnsupportedOperationError, got ${e?.constructor?.name}: ${e?.message}`);
        assert.equal(e.constructor.name, 'UnsupportedOperationError');
        return true;
    }, `${label} is rejected`);
    const took = Date.now() - started;
    assert.ok(took < 5000, `${label}: rejected promptly (${took} ms), not after a hang`);
}

test('operations the member does not implement fail with UnsupportedOperationError and the client keeps working', T, async () => {
    const name = uniqueName('unsupported');
    const map = await client.getMap(name);
    await map.put('k', 1);
    const before = connectionsOf(client);
    assert.equal(before.length, 3);

    // A ringbuffer read filter is a Java function on a real member's classpath: this member refuses it.
    const ringbuffer = await client.getRingbuffer(uniqueName('rb'));
    const filtered = () => ringbuffer.readMany(0, 0, 1, new NoopEntryProcessor());
    await expectUnsupported('ringbuffer.readMany with a filter', filtered());
    // An entry processor the member does not know is a serialization error, as a real member without its class answers.
    await assert.rejects(map.executeOnKey('k', new NoopEntryProcessor()), HazelcastSerializationError);

    // Still connected to the same three members, over the same connections, and the map still works.
    const after = connectionsOf(client);
    assert.equal(after.length, 3, 'no connection was closed');
    for (const connection of before) assert.ok(after.includes(connection), 'the same connections are still open');
    assert.equal(client.getLifecycleService().isRunning(), true);
    assert.equal(await map.put('k', 2), 1);
    assert.equal(await map.get('k'), 2);
    await Promise.all(Array.from({ length: 30 }, (_, i) => map.set(`x${i}`, i)));
    assert.equal(await map.size(), 31);
    // Unsupported calls interleaved with supported ones on the same connections.
    const mixed = await Promise.allSettled([map.get('k'), filtered(), map.get('x1'), filtered(), map.size()]);
    assert.deepEqual(mixed.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual([mixed[0].value, mixed[2].value, mixed[4].value], [2, 1, 31]);
    assert.ok(mixed[1].reason instanceof UnsupportedOperationError);
    assert.ok(mixed[3].reason instanceof UnsupportedOperationError);
});

test('a client with a wrong cluster name fails to connect', T, async () => {
    const started = Date.now();
    const { warnings, options } = failFast();
    const result = await newClient(cluster.addresses, { clusterName: 'not-dev', ...options }).catch((e) => e);
    assertRefused(result, warnings, 'wrong cluster name');
    assert.ok(Date.now() - started < 15_000, 'it fails fast');
    // The right cluster name still works on the same members, and credentials are ignored by a cluster without security.
    const withCredentials = await cluster.newClient({ security: { usernamePassword: { username: 'any', password: 'thing' } } });
    assert.equal(connectionsOf(withCredentials).length, 3);
    const map = await withCredentials.getMap(uniqueName('after-wrong-name'));
    await map.put('k', 'v');
    assert.equal(await map.get('k'), 'v');
});

// A second cluster that requires a user name and password.
let secured;
const securedClients = [];
after(async () => {
    await shutdownClients(securedClients);
    if (secured) await secured.stop();
}, { timeout: 30_000 });

test('with --username/--password, the right credentials connect and wrong ones fail', T, async () => {
    secured = await startMember({ members: 3, username: 'u', password: 'p' });
    assert.equal(secured.addresses.length, 3);
    const attempt = async (security) => {
        const { warnings, options } = failFast();
        try {
            const c = await newClient(secured.addresses, { ...options, ...(security ? { security } : {}) });
            securedClients.push(c);
            return { result: c, warnings };
        } catch (e) {
            return { result: e, warnings };
        }
    };

    const [good, wrongPassword, wrongUser, none] = await Promise.all([
        attempt({ usernamePassword: { username: 'u', password: 'p' } }),
        attempt({ usernamePassword: { username: 'u', password: 'wrong' } }),
        attempt({ usernamePassword: { username: 'someone', password: 'p' } }),
        attempt(undefined),
    ]);
    const ok = good.result;
    assert.ok(!(ok instanceof Error), `the right credentials connect: ${ok?.message}`);
    assert.equal(ok.getCluster().getMembers().length, 3);
    assert.equal(connectionsOf(ok).length, 3, 'the smart client authenticated with every member');
    const map = await ok.getMap(uniqueName('secured'));
    assert.equal(await map.put('k', 'v'), null);
    assert.equal(await map.get('k'), 'v');

    for (const [label, { result, warnings }] of [['wrong password', wrongPassword], ['wrong user name', wrongUser], ['no credentials', none]]) {
        assertRefused(result, warnings, label);
    }
});

test('getDistributedObjects lists created maps; destroy removes the map and its data', T, async () => {
    const names = [uniqueName('obj-a'), uniqueName('obj-b')];
    const maps = await Promise.all(names.map((n) => client.getMap(n)));
    await maps[0].put('k', 'v');
    const queueName = uniqueName('obj-q');
    await client.getQueue(queueName);

    // A fresh client has no local proxies: what it lists comes from the member.
    const observer = await cluster.newClient();
    const listed = async () => (await observer.getDistributedObjects()).map((o) => `${o.getServiceName()}/${o.getName()}`);
    const objects = await listed();
    assert.ok(objects.includes(`hz:impl:mapService/${names[0]}`), `lists ${names[0]}: ${objects}`);
    assert.ok(objects.includes(`hz:impl:mapService/${names[1]}`), `lists the empty map ${names[1]} too`);
    assert.ok(objects.includes(`hz:impl:queueService/${queueName}`), 'lists the queue');
    assert.equal(new Set(objects).size, objects.length, 'no duplicates');

    await maps[0].destroy();
    const afterDestroy = await listed();
    assert.ok(!afterDestroy.includes(`hz:impl:mapService/${names[0]}`), `${names[0]} is gone after destroy: ${afterDestroy}`);
    assert.ok(afterDestroy.includes(`hz:impl:mapService/${names[1]}`), 'the other map stays');

    // The observer saw it before; getting it again gives an empty map (the data was destroyed with it).
    const again = await observer.getMap(names[0]);
    assert.equal(await again.size(), 0);
    assert.equal(await again.get('k'), null);
    assert.ok((await listed()).includes(`hz:impl:mapService/${names[0]}`), 'using the name again creates it again');

    const queue = await client.getQueue(queueName);
    await queue.destroy();
    assert.ok(!(await listed()).includes(`hz:impl:queueService/${queueName}`), 'the destroyed queue is gone');
});
