#!/usr/bin/env node
'use strict';
/*
 * Golden-vector generator for the .NET client conformance tests.
 *
 * Produces golden/vectors.json: the exact bytes that the official Hazelcast
 * Node.js client (npm hazelcast-client, pinned to 5.7.0 in package.json)
 * produces for
 *   - request messages (the official codecs' encodeRequest + ClientMessage.toBuffer),
 *   - Data serialization of assorted values (the official SerializationServiceV1),
 *   - partition ids (the official PartitionServiceImpl, 271 partitions),
 *   - MurmurHash3 (the official murmur function, seed 0x01000193).
 *
 * Only the installed package's own modules are called; nothing is re-implemented
 * here except a tiny PRNG used to pick the random murmur inputs.
 *
 * The output is deterministic: running the script twice yields identical bytes.
 *
 * Usage: npm run golden   (or: node golden/generate.js)
 */

const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

// ---------------------------------------------------------------------------
// Official client modules
// ---------------------------------------------------------------------------

const HZ_PKG = require('hazelcast-client/package.json');
const EXPECTED_VERSION = '5.7.0';
if (HZ_PKG.version !== EXPECTED_VERSION) {
    throw new Error(`hazelcast-client ${EXPECTED_VERSION} expected, found ${HZ_PKG.version}; run npm ci`);
}

// Use the exact 'long' module instance the client depends on (the serializer
// registry is keyed by the Long constructor, so it must be the same instance).
const hzRequire = createRequire(require.resolve('hazelcast-client/package.json'));
const Long = hzRequire('long');

const { ConfigBuilder } = require('hazelcast-client/lib/config/ConfigBuilder');
const { SerializationServiceV1 } = require('hazelcast-client/lib/serialization/SerializationService');
const { SchemaService } = require('hazelcast-client/lib/serialization/compact/SchemaService');
const { PartitionServiceImpl } = require('hazelcast-client/lib/PartitionService');
const { LoggingService } = require('hazelcast-client/lib/logging/LoggingService');
const { murmur } = require('hazelcast-client/lib/invocation/Murmur');
const { UUID } = require('hazelcast-client/lib/core/UUID');
const { HazelcastJsonValue } = require('hazelcast-client/lib/core/HazelcastJsonValue');
const Predicates = require('hazelcast-client/lib/core/Predicate');
const { RaftGroupId } = require('hazelcast-client/lib/proxy/cpsubsystem/RaftGroupId');

const codec = (name) => require(`hazelcast-client/lib/codec/${name}Codec`)[`${name}Codec`];

// ---------------------------------------------------------------------------
// Services, built the same way HazelcastClient builds them
// ---------------------------------------------------------------------------

const PARTITION_COUNT = 271;
const CORRELATION_ID = 5;

const logger = new LoggingService(null, 'OFF').getLogger();

function makeServices(userConfig) {
    const config = new ConfigBuilder(userConfig || {}).build();
    const schemaService = new SchemaService(config, () => null, () => null, logger);
    const serializationService = new SerializationServiceV1(config.serialization, schemaService);
    const partitionService = new PartitionServiceImpl(logger, serializationService);
    if (!partitionService.checkAndSetPartitionCount(PARTITION_COUNT)) {
        throw new Error('could not set partition count');
    }
    return { config, serializationService, partitionService };
}

const defaultServices = makeServices({});
const ss = defaultServices.serializationService;
const ps = defaultServices.partitionService;

const hex = (buf) => Buffer.from(buf).toString('hex');
const dataHex = (data) => hex(data.toBuffer());

// ---------------------------------------------------------------------------
// Canonical inputs
// ---------------------------------------------------------------------------

const UUID_STRING = '11111111-2222-3333-4444-555555555555';

function uuidFromString(s) {
    const h = s.replace(/-/g, '');
    const uuid = new UUID(Long.fromString(h.substring(0, 16), false, 16),
        Long.fromString(h.substring(16), false, 16));
    if (uuid.toString() !== s) {
        throw new Error(`UUID round trip failed: ${uuid.toString()} != ${s}`);
    }
    return uuid;
}

const TEST_UUID = uuidFromString(UUID_STRING);

const MAP_NAME = 'm1';
const key = ss.toData('key');
const value = ss.toData('value1');
const testValue = ss.toData('value0');
const key2 = ss.toData('k2');
const value2 = ss.toData('v2');
const predicate = ss.toData(Predicates.sql('this = v3'));

const THREAD_ID = 7;
const TTL = 1500;
const MAX_IDLE = 2500;
const TIMEOUT = 3000;
const LEASE = 4000;
const REFERENCE_ID = 99;
const LISTENER_FLAGS = 5;
const INCLUDE_VALUE = true;
const LOCAL_ONLY = true;

const keyPartitionId = ps.getPartitionId(key);

// ---------------------------------------------------------------------------
// Request vectors
// ---------------------------------------------------------------------------

const requests = [];
const skipped = [];

/**
 * @param name        vector name
 * @param codecName   official codec class name without the "Codec" suffix
 * @param args        encodeRequest arguments, in the codec's order
 * @param params      JSON description of the inputs (Data as hex)
 * @param keyBased    true => partition id of the canonical key, else -1
 * @param note        optional free text
 */
function addRequest(name, codecName, args, params, keyBased, note) {
    let Codec;
    try {
        Codec = codec(codecName);
    } catch (e) {
        skipped.push({ name, reason: `lib/codec/${codecName}Codec.js not present in hazelcast-client ${HZ_PKG.version}` });
        return;
    }
    if (!Codec || typeof Codec.encodeRequest !== 'function') {
        skipped.push({ name, reason: `${codecName}Codec has no encodeRequest in hazelcast-client ${HZ_PKG.version}` });
        return;
    }
    const message = Codec.encodeRequest(...args);
    message.setCorrelationId(CORRELATION_ID);
    const partitionId = keyBased ? keyPartitionId : -1;
    message.setPartitionId(partitionId);
    const entry = {
        name,
        messageType: message.getMessageType(),
        correlationId: CORRELATION_ID,
        partitionId,
        params,
        hex: hex(message.toBuffer()),
    };
    if (note) {
        entry.note = note;
    }
    requests.push(entry);
}

const K = dataHex(key);
const V = dataHex(value);

// --- Client ---
addRequest('Client.Authentication', 'ClientAuthentication',
    ['dev', null, null, TEST_UUID, 'NJS', 1, '5.7.0', 'hz.client_0', []],
    {
        clusterName: 'dev', username: null, password: null, uuid: UUID_STRING, clientType: 'NJS',
        serializationVersion: 1, clientHazelcastVersion: '5.7.0', clientName: 'hz.client_0', labels: [],
    }, false);
addRequest('Client.Authentication/credentials', 'ClientAuthentication',
    ['dev', 'user', 'pass', TEST_UUID, 'CSP', 1, '5.7.0', 'hz.client_0', ['a', 'b']],
    {
        clusterName: 'dev', username: 'user', password: 'pass', uuid: UUID_STRING, clientType: 'CSP',
        serializationVersion: 1, clientHazelcastVersion: '5.7.0', clientName: 'hz.client_0', labels: ['a', 'b'],
    }, false);
// A token, as the official client sends security.token: Buffer.from(token, encoding), with the custom codec.
addRequest('Client.AuthenticationCustom', 'ClientAuthenticationCustom',
    ['dev', Buffer.from('my-jwt.token', 'ascii'), TEST_UUID, 'CSP', 1, '5.7.0', 'hz.client_0', ['a']],
    {
        clusterName: 'dev', credentialsHex: Buffer.from('my-jwt.token', 'ascii').toString('hex'), uuid: UUID_STRING, clientType: 'CSP',
        serializationVersion: 1, clientHazelcastVersion: '5.7.0', clientName: 'hz.client_0', labels: ['a'],
    }, false);
addRequest('Client.AddClusterViewListener', 'ClientAddClusterViewListener', [], {}, false);
addRequest('Client.Ping', 'ClientPing', [], {}, false);
addRequest('Client.CreateProxy', 'ClientCreateProxy', [MAP_NAME, 'hz:impl:mapService'],
    { name: MAP_NAME, serviceName: 'hz:impl:mapService' }, false);
addRequest('Client.DestroyProxy', 'ClientDestroyProxy', [MAP_NAME, 'hz:impl:mapService'],
    { name: MAP_NAME, serviceName: 'hz:impl:mapService' }, false);
addRequest('Client.GetDistributedObjects', 'ClientGetDistributedObjects', [], {}, false);
addRequest('Client.LocalBackupListener', 'ClientLocalBackupListener', [], {}, false);

// --- Map: key-based ---
addRequest('Map.Put', 'MapPut', [MAP_NAME, key, value, THREAD_ID, TTL],
    { name: MAP_NAME, keyHex: K, valueHex: V, threadId: THREAD_ID, ttl: TTL }, true);
addRequest('Map.Get', 'MapGet', [MAP_NAME, key, THREAD_ID],
    { name: MAP_NAME, keyHex: K, threadId: THREAD_ID }, true);
addRequest('Map.Set', 'MapSet', [MAP_NAME, key, value, THREAD_ID, TTL],
    { name: MAP_NAME, keyHex: K, valueHex: V, threadId: THREAD_ID, ttl: TTL }, true);
addRequest('Map.Remove', 'MapRemove', [MAP_NAME, key, THREAD_ID],
    { name: MAP_NAME, keyHex: K, threadId: THREAD_ID }, true);
addRequest('Map.Delete', 'MapDelete', [MAP_NAME, key, THREAD_ID],
    { name: MAP_NAME, keyHex: K, threadId: THREAD_ID }, true);
addRequest('Map.ContainsKey', 'MapContainsKey', [MAP_NAME, key, THREAD_ID],
    { name: MAP_NAME, keyHex: K, threadId: THREAD_ID }, true);
addRequest('Map.ContainsValue', 'MapContainsValue', [MAP_NAME, value],
    { name: MAP_NAME, valueHex: V }, false);
addRequest('Map.PutIfAbsent', 'MapPutIfAbsent', [MAP_NAME, key, value, THREAD_ID, TTL],
    { name: MAP_NAME, keyHex: K, valueHex: V, threadId: THREAD_ID, ttl: TTL }, true);
addRequest('Map.Replace', 'MapReplace', [MAP_NAME, key, value, THREAD_ID],
    { name: MAP_NAME, keyHex: K, valueHex: V, threadId: THREAD_ID }, true);
addRequest('Map.ReplaceIfSame', 'MapReplaceIfSame', [MAP_NAME, key, testValue, value, THREAD_ID],
    { name: MAP_NAME, keyHex: K, testValueHex: dataHex(testValue), valueHex: V, threadId: THREAD_ID }, true);
addRequest('Map.RemoveIfSame', 'MapRemoveIfSame', [MAP_NAME, key, value, THREAD_ID],
    { name: MAP_NAME, keyHex: K, valueHex: V, threadId: THREAD_ID }, true);

// --- Map: whole-map ---
addRequest('Map.Size', 'MapSize', [MAP_NAME], { name: MAP_NAME }, false);
addRequest('Map.IsEmpty', 'MapIsEmpty', [MAP_NAME], { name: MAP_NAME }, false);
addRequest('Map.Clear', 'MapClear', [MAP_NAME], { name: MAP_NAME }, false);
const MULTI_PARTITION_NOTE = 'keys "key" and "k2" live in different partitions, so the official client would '
    + 'split this into one request per partition; this codec-level vector keeps both and uses partition id -1';
addRequest('Map.PutAll', 'MapPutAll', [MAP_NAME, [[key, value], [key2, value2]], true],
    {
        name: MAP_NAME,
        entriesHex: [[K, V], [dataHex(key2), dataHex(value2)]],
        triggerMapLoader: true,
    }, false, MULTI_PARTITION_NOTE);
addRequest('Map.GetAll', 'MapGetAll', [MAP_NAME, [key, key2]],
    { name: MAP_NAME, keysHex: [K, dataHex(key2)] }, false, MULTI_PARTITION_NOTE);
addRequest('Map.KeySet', 'MapKeySet', [MAP_NAME], { name: MAP_NAME }, false);
addRequest('Map.Values', 'MapValues', [MAP_NAME], { name: MAP_NAME }, false);
addRequest('Map.EntrySet', 'MapEntrySet', [MAP_NAME], { name: MAP_NAME }, false);

// --- Map: ttl / max idle / transient / try ---
addRequest('Map.SetTtl', 'MapSetTtl', [MAP_NAME, key, TTL],
    { name: MAP_NAME, keyHex: K, ttl: TTL }, true);
addRequest('Map.PutWithMaxIdle', 'MapPutWithMaxIdle', [MAP_NAME, key, value, THREAD_ID, TTL, MAX_IDLE],
    { name: MAP_NAME, keyHex: K, valueHex: V, threadId: THREAD_ID, ttl: TTL, maxIdle: MAX_IDLE }, true);
addRequest('Map.SetWithMaxIdle', 'MapSetWithMaxIdle', [MAP_NAME, key, value, THREAD_ID, TTL, MAX_IDLE],
    { name: MAP_NAME, keyHex: K, valueHex: V, threadId: THREAD_ID, ttl: TTL, maxIdle: MAX_IDLE }, true);
addRequest('Map.PutIfAbsentWithMaxIdle', 'MapPutIfAbsentWithMaxIdle',
    [MAP_NAME, key, value, THREAD_ID, TTL, MAX_IDLE],
    { name: MAP_NAME, keyHex: K, valueHex: V, threadId: THREAD_ID, ttl: TTL, maxIdle: MAX_IDLE }, true);
addRequest('Map.PutTransient', 'MapPutTransient', [MAP_NAME, key, value, THREAD_ID, TTL],
    { name: MAP_NAME, keyHex: K, valueHex: V, threadId: THREAD_ID, ttl: TTL }, true);
addRequest('Map.PutTransientWithMaxIdle', 'MapPutTransientWithMaxIdle',
    [MAP_NAME, key, value, THREAD_ID, TTL, MAX_IDLE],
    { name: MAP_NAME, keyHex: K, valueHex: V, threadId: THREAD_ID, ttl: TTL, maxIdle: MAX_IDLE }, true);
addRequest('Map.TryPut', 'MapTryPut', [MAP_NAME, key, value, THREAD_ID, TIMEOUT],
    { name: MAP_NAME, keyHex: K, valueHex: V, threadId: THREAD_ID, timeout: TIMEOUT }, true);
addRequest('Map.TryRemove', 'MapTryRemove', [MAP_NAME, key, THREAD_ID, TIMEOUT],
    { name: MAP_NAME, keyHex: K, threadId: THREAD_ID, timeout: TIMEOUT }, true);

// --- Map: eviction / flush / entry view ---
addRequest('Map.Evict', 'MapEvict', [MAP_NAME, key, THREAD_ID],
    { name: MAP_NAME, keyHex: K, threadId: THREAD_ID }, true);
addRequest('Map.EvictAll', 'MapEvictAll', [MAP_NAME], { name: MAP_NAME }, false);
addRequest('Map.Flush', 'MapFlush', [MAP_NAME], { name: MAP_NAME }, false);
addRequest('Map.GetEntryView', 'MapGetEntryView', [MAP_NAME, key, THREAD_ID],
    { name: MAP_NAME, keyHex: K, threadId: THREAD_ID }, true);

// --- Map: locks ---
addRequest('Map.Lock', 'MapLock', [MAP_NAME, key, THREAD_ID, TTL, REFERENCE_ID],
    { name: MAP_NAME, keyHex: K, threadId: THREAD_ID, ttl: TTL, referenceId: REFERENCE_ID }, true);
addRequest('Map.TryLock', 'MapTryLock', [MAP_NAME, key, THREAD_ID, LEASE, TIMEOUT, REFERENCE_ID],
    {
        name: MAP_NAME, keyHex: K, threadId: THREAD_ID, lease: LEASE, timeout: TIMEOUT,
        referenceId: REFERENCE_ID,
    }, true);
addRequest('Map.Unlock', 'MapUnlock', [MAP_NAME, key, THREAD_ID, REFERENCE_ID],
    { name: MAP_NAME, keyHex: K, threadId: THREAD_ID, referenceId: REFERENCE_ID }, true);
addRequest('Map.IsLocked', 'MapIsLocked', [MAP_NAME, key], { name: MAP_NAME, keyHex: K }, true);
addRequest('Map.ForceUnlock', 'MapForceUnlock', [MAP_NAME, key, REFERENCE_ID],
    { name: MAP_NAME, keyHex: K, referenceId: REFERENCE_ID }, true);

// --- Map: listeners ---
addRequest('Map.AddEntryListener', 'MapAddEntryListener',
    [MAP_NAME, INCLUDE_VALUE, LISTENER_FLAGS, LOCAL_ONLY],
    { name: MAP_NAME, includeValue: INCLUDE_VALUE, listenerFlags: LISTENER_FLAGS, localOnly: LOCAL_ONLY }, false);
addRequest('Map.AddEntryListenerToKey', 'MapAddEntryListenerToKey',
    [MAP_NAME, key, INCLUDE_VALUE, LISTENER_FLAGS, LOCAL_ONLY],
    {
        name: MAP_NAME, keyHex: K, includeValue: INCLUDE_VALUE, listenerFlags: LISTENER_FLAGS,
        localOnly: LOCAL_ONLY,
    }, false, 'listener registrations are not partition-bound (the official client sends them with partition id -1)');
addRequest('Map.RemoveEntryListener', 'MapRemoveEntryListener', [MAP_NAME, TEST_UUID],
    { name: MAP_NAME, registrationId: UUID_STRING }, false);

// --- Map: predicates ---
const PREDICATE_PARAMS = { name: MAP_NAME, predicate: 'Predicates.sql("this = v3")', predicateHex: dataHex(predicate) };
addRequest('Map.KeySetWithPredicate', 'MapKeySetWithPredicate', [MAP_NAME, predicate], PREDICATE_PARAMS, false);
addRequest('Map.ValuesWithPredicate', 'MapValuesWithPredicate', [MAP_NAME, predicate], PREDICATE_PARAMS, false);
addRequest('Map.EntriesWithPredicate', 'MapEntriesWithPredicate', [MAP_NAME, predicate], PREDICATE_PARAMS, false);
addRequest('Map.RemoveAll', 'MapRemoveAll', [MAP_NAME, predicate], PREDICATE_PARAMS, false);

// --- Map: near cache (as the official client's near cache registers its invalidation listener and fetches metadata) ---
addRequest('Map.AddNearCacheInvalidationListener', 'MapAddNearCacheInvalidationListener', [MAP_NAME, 256, true],
    { name: MAP_NAME, listenerFlags: 256, localOnly: true }, false);
addRequest('Map.FetchNearCacheInvalidationMetadata', 'MapFetchNearCacheInvalidationMetadata', [[MAP_NAME], TEST_UUID],
    { names: [MAP_NAME], uuid: UUID_STRING }, false);

// --- Map: paging predicates (the holder built as the official client builds it, PagingPredicateHolder.buildHolder) ---
const { PagingPredicateHolder } = require('hazelcast-client/lib/protocol/PagingPredicateHolder');
const { AnchorDataListHolder } = require('hazelcast-client/lib/protocol/AnchorDataListHolder');
for (const [suffix, iterationTypeId] of [['KeySet', 0], ['Values', 1], ['Entries', 2]]) {
    const holder = new PagingPredicateHolder(new AnchorDataListHolder([0], [[key, value]]), predicate, ss.toData(null), 10, 1, iterationTypeId, null);
    addRequest(`Map.${suffix}WithPagingPredicate`, `Map${suffix}WithPagingPredicate`, [MAP_NAME, holder], {
        name: MAP_NAME, pageSize: 10, page: 1, iterationTypeId, anchorPages: [0], anchorKeyHex: K, anchorValueHex: V,
        predicateHex: dataHex(predicate), comparatorHex: dataHex(ss.toData(null)),
    }, false);
}

// --- Map: indexes, normalized as the official client normalizes them (IndexUtil.validateAndNormalize): attributes
// trimmed and without "this.", a derived name when none is given, bitmap options always sent ---
const { IndexUtil } = require('hazelcast-client/lib/util/IndexUtil');
for (const [label, config] of [
    ['Sorted', { attributes: ['this.age', ' name '] }],
    ['Hash', { type: 'HASH', name: '  ', attributes: ['age'] }],
    ['Bitmap', { type: 'BITMAP', name: 'byAge', attributes: ['age'], bitmapIndexOptions: { uniqueKey: 'this.id', uniqueKeyTransformation: 'LONG' } }],
]) {
    // The user's config is nested (as typed, before normalization), so the decoded-parameters check leaves it alone.
    addRequest(`Map.AddIndex/${label}`, 'MapAddIndex', [MAP_NAME, IndexUtil.validateAndNormalize(MAP_NAME, config)], { name: MAP_NAME, config }, false);
}

// --- CP Subsystem ---
// Every CP request is sent with partition id -1 (CP calls are routed by RAFT group, not by partition).
const CP_GROUP_ID = new RaftGroupId('default', Long.fromNumber(0), Long.fromNumber(0));
const CP_GROUP_PARAMS = { name: 'default', seed: 0, id: 0 };
const CP_NAME = 'counter';
const CP_SESSION_ID = 11;
const CP_THREAD_ID = 7;
const CP_DELTA = 3;
const CP_EXPECTED = 4;
const CP_UPDATED = 5;
const CP_NEW_VALUE = 6;
const CP_TIMEOUT_MS = 2500;
const CP_PERMITS = 2;
const CP_COUNT = 4;
const CP_EXPECTED_ROUND = 1;
const CP_RETURN_OLD_VALUE = true;
const CP_ENDPOINT_NAME = 'hz.client_0';
const CP_PROXY_NAME = 'counter@default';
const CP_SERVICE_NAME = 'hz:raft:atomicLongService';
const L = (n) => Long.fromNumber(n);
const TV = dataHex(testValue);
const cpParams = (extra) => Object.assign({ groupId: CP_GROUP_PARAMS, name: CP_NAME }, extra);
const cpSessionParams = (extra) => cpParams(Object.assign(
    { sessionId: CP_SESSION_ID, threadId: CP_THREAD_ID, invocationUid: UUID_STRING }, extra));
const cpSessionArgs = [CP_GROUP_ID, CP_NAME, L(CP_SESSION_ID), L(CP_THREAD_ID), TEST_UUID];

// CPGroup
addRequest('CPGroup.CreateCPGroup', 'CPGroupCreateCPGroup', [CP_PROXY_NAME], { proxyName: CP_PROXY_NAME }, false);
addRequest('CPGroup.DestroyCPObject', 'CPGroupDestroyCPObject', [CP_GROUP_ID, CP_SERVICE_NAME, CP_NAME],
    { groupId: CP_GROUP_PARAMS, serviceName: CP_SERVICE_NAME, objectName: CP_NAME }, false);

// CPSession
addRequest('CPSession.CreateSession', 'CPSessionCreateSession', [CP_GROUP_ID, CP_ENDPOINT_NAME],
    { groupId: CP_GROUP_PARAMS, endpointName: CP_ENDPOINT_NAME }, false);
addRequest('CPSession.CloseSession', 'CPSessionCloseSession', [CP_GROUP_ID, L(CP_SESSION_ID)],
    { groupId: CP_GROUP_PARAMS, sessionId: CP_SESSION_ID }, false);
addRequest('CPSession.HeartbeatSession', 'CPSessionHeartbeatSession', [CP_GROUP_ID, L(CP_SESSION_ID)],
    { groupId: CP_GROUP_PARAMS, sessionId: CP_SESSION_ID }, false);
addRequest('CPSession.GenerateThreadId', 'CPSessionGenerateThreadId', [CP_GROUP_ID],
    { groupId: CP_GROUP_PARAMS }, false);

// AtomicLong
addRequest('AtomicLong.AddAndGet', 'AtomicLongAddAndGet', [CP_GROUP_ID, CP_NAME, L(CP_DELTA)],
    cpParams({ delta: CP_DELTA }), false);
addRequest('AtomicLong.CompareAndSet', 'AtomicLongCompareAndSet',
    [CP_GROUP_ID, CP_NAME, L(CP_EXPECTED), L(CP_UPDATED)],
    cpParams({ expected: CP_EXPECTED, updated: CP_UPDATED }), false);
addRequest('AtomicLong.Get', 'AtomicLongGet', [CP_GROUP_ID, CP_NAME], cpParams(), false);
addRequest('AtomicLong.GetAndAdd', 'AtomicLongGetAndAdd', [CP_GROUP_ID, CP_NAME, L(CP_DELTA)],
    cpParams({ delta: CP_DELTA }), false);
addRequest('AtomicLong.GetAndSet', 'AtomicLongGetAndSet', [CP_GROUP_ID, CP_NAME, L(CP_NEW_VALUE)],
    cpParams({ newValue: CP_NEW_VALUE }), false);
const NEEDS_FUNCTION = 'needs a server-side function object (IFunction Data); no canonical input, not encoded';
skipped.push({ name: 'AtomicLong.Apply', reason: NEEDS_FUNCTION });
skipped.push({ name: 'AtomicLong.Alter', reason: NEEDS_FUNCTION });

// AtomicRef
addRequest('AtomicRef.Get', 'AtomicRefGet', [CP_GROUP_ID, CP_NAME], cpParams(), false);
addRequest('AtomicRef.Set', 'AtomicRefSet', [CP_GROUP_ID, CP_NAME, value, CP_RETURN_OLD_VALUE],
    cpParams({ newValueHex: V, returnOldValue: CP_RETURN_OLD_VALUE }), false);
addRequest('AtomicRef.CompareAndSet', 'AtomicRefCompareAndSet', [CP_GROUP_ID, CP_NAME, testValue, value],
    cpParams({ oldValueHex: TV, newValueHex: V }), false);
addRequest('AtomicRef.Contains', 'AtomicRefContains', [CP_GROUP_ID, CP_NAME, value],
    cpParams({ valueHex: V }), false);
skipped.push({ name: 'AtomicRef.Apply', reason: NEEDS_FUNCTION });

// FencedLock
addRequest('FencedLock.Lock', 'FencedLockLock', cpSessionArgs, cpSessionParams(), false);
addRequest('FencedLock.TryLock', 'FencedLockTryLock', [...cpSessionArgs, L(CP_TIMEOUT_MS)],
    cpSessionParams({ timeoutMs: CP_TIMEOUT_MS }), false);
addRequest('FencedLock.Unlock', 'FencedLockUnlock', cpSessionArgs, cpSessionParams(), false);
addRequest('FencedLock.GetLockOwnership', 'FencedLockGetLockOwnership', [CP_GROUP_ID, CP_NAME], cpParams(), false);

// Semaphore
addRequest('Semaphore.Init', 'SemaphoreInit', [CP_GROUP_ID, CP_NAME, CP_PERMITS],
    cpParams({ permits: CP_PERMITS }), false);
addRequest('Semaphore.Acquire', 'SemaphoreAcquire', [...cpSessionArgs, CP_PERMITS, L(CP_TIMEOUT_MS)],
    cpSessionParams({ permits: CP_PERMITS, timeoutMs: CP_TIMEOUT_MS }), false);
addRequest('Semaphore.Release', 'SemaphoreRelease', [...cpSessionArgs, CP_PERMITS],
    cpSessionParams({ permits: CP_PERMITS }), false);
addRequest('Semaphore.Drain', 'SemaphoreDrain', cpSessionArgs, cpSessionParams(), false);
addRequest('Semaphore.Change', 'SemaphoreChange', [...cpSessionArgs, CP_PERMITS],
    cpSessionParams({ permits: CP_PERMITS }), false);
addRequest('Semaphore.AvailablePermits', 'SemaphoreAvailablePermits', [CP_GROUP_ID, CP_NAME], cpParams(), false);
addRequest('Semaphore.GetSemaphoreType', 'SemaphoreGetSemaphoreType', [CP_NAME], { proxyName: CP_NAME }, false);

// CountDownLatch
addRequest('CountDownLatch.TrySetCount', 'CountDownLatchTrySetCount', [CP_GROUP_ID, CP_NAME, CP_COUNT],
    cpParams({ count: CP_COUNT }), false);
addRequest('CountDownLatch.Await', 'CountDownLatchAwait', [CP_GROUP_ID, CP_NAME, TEST_UUID, L(CP_TIMEOUT_MS)],
    cpParams({ invocationUid: UUID_STRING, timeoutMs: CP_TIMEOUT_MS }), false);
addRequest('CountDownLatch.CountDown', 'CountDownLatchCountDown',
    [CP_GROUP_ID, CP_NAME, TEST_UUID, CP_EXPECTED_ROUND],
    cpParams({ invocationUid: UUID_STRING, expectedRound: CP_EXPECTED_ROUND }), false);
addRequest('CountDownLatch.GetCount', 'CountDownLatchGetCount', [CP_GROUP_ID, CP_NAME], cpParams(), false);
addRequest('CountDownLatch.GetRound', 'CountDownLatchGetRound', [CP_GROUP_ID, CP_NAME], cpParams(), false);

// --- Queue, List, Set, Ringbuffer, distributed-object listener (the Node.js client has no plain Topic) ---
// Parameters by name: the .NET side maps each to its codec's argument (GoldenVectorTests.Encoders).
const COLL_NAME = 'c1';
const items = [value, value2];
const ITEMS_HEX = items.map(dataHex);
const COLL_INDEX = 2;
const COLL_TIMEOUT = 1500;
const REG_UUID = TEST_UUID;
const col = (extra = {}) => ({ name: COLL_NAME, ...extra });
const oneItem = { valueHex: V };
const listItems = { valuesHex: ITEMS_HEX };
for (const service of ['Queue', 'List', 'Set']) {
    const svc = (m) => `${service}${m}`;
    const add = (method, args, params) => addRequest(`${service}.${method}`, svc(method), [COLL_NAME, ...args], col(params), false);
    add('Size', [], {});
    add('IsEmpty', [], {});
    add('Clear', [], {});
    add('Contains', [value], oneItem);
    add('ContainsAll', [items], listItems);
    add('Remove', [value], oneItem);
    add('AddAll', [items], listItems);
    add('CompareAndRemoveAll', [items], listItems);
    add('CompareAndRetainAll', [items], listItems);
    add('AddListener', [true, LOCAL_ONLY], { includeValue: true, localOnly: LOCAL_ONLY });
    add('RemoveListener', [REG_UUID], { registrationId: UUID_STRING });
    if (service === 'Queue') {
        add('Offer', [value, L(COLL_TIMEOUT)], { valueHex: V, timeoutMillis: COLL_TIMEOUT });
        add('Put', [value], oneItem);
        add('Poll', [L(COLL_TIMEOUT)], { timeoutMillis: COLL_TIMEOUT });
        add('Take', [], {});
        add('Peek', [], {});
        add('Iterator', [], {});
        add('DrainTo', [], {});
        add('DrainToMaxSize', [7], { maxSize: 7 });
        add('RemainingCapacity', [], {});
    } else {
        add('Add', [value], oneItem);
        add('GetAll', [], {});
    }
    if (service === 'List') {
        add('AddAllWithIndex', [COLL_INDEX, items], { index: COLL_INDEX, valuesHex: ITEMS_HEX });
        add('Get', [COLL_INDEX], { index: COLL_INDEX });
        add('Set', [COLL_INDEX, value], { index: COLL_INDEX, valueHex: V });
        add('AddWithIndex', [COLL_INDEX, value], { index: COLL_INDEX, valueHex: V });
        add('RemoveWithIndex', [COLL_INDEX], { index: COLL_INDEX });
        add('IndexOf', [value], oneItem);
        add('LastIndexOf', [value], oneItem);
        add('Sub', [1, 3], { from: 1, to: 3 });
    }
}
const rb = (method, args, params) => addRequest(`Ringbuffer.${method}`, `Ringbuffer${method}`, [COLL_NAME, ...args], col(params), false);
for (const m of ['Size', 'TailSequence', 'HeadSequence', 'Capacity', 'RemainingCapacity']) rb(m, [], {});
rb('Add', [1, value], { overflowPolicy: 1, valueHex: V });
rb('AddAll', [items, 0], { valuesHex: ITEMS_HEX, overflowPolicy: 0 });
rb('ReadOne', [L(42)], { sequence: 42 });
// The Node.js client serializes a missing filter (toData(null): a Data of the null type), not the protocol's null.
rb('ReadMany', [L(42), 1, 10, ss.toData(null)], { startSequence: 42, minCount: 1, maxCount: 10, filterHex: dataHex(ss.toData(null)) });
addRequest('Client.AddDistributedObjectListener', 'ClientAddDistributedObjectListener', [LOCAL_ONLY], { localOnly: LOCAL_ONLY }, false);
addRequest('Client.RemoveDistributedObjectListener', 'ClientRemoveDistributedObjectListener', [REG_UUID], { registrationId: UUID_STRING }, false);
addRequest('FlakeIdGenerator.NewIdBatch', 'FlakeIdGeneratorNewIdBatch', [COLL_NAME, 100], { name: COLL_NAME, batchSize: 100 }, false);
const PN_CLOCK = [[TEST_UUID, L(3)], [uuidFromString('99999999-8888-7777-6666-555555555555'), L(11)]];
const PN_CLOCK_PARAMS = [[UUID_STRING, 3], ['99999999-8888-7777-6666-555555555555', 11]];
addRequest('PNCounter.Get', 'PNCounterGet', [COLL_NAME, PN_CLOCK, TEST_UUID], { name: COLL_NAME, replicaTimestamps: PN_CLOCK_PARAMS, targetReplicaUUID: UUID_STRING }, false);
addRequest('PNCounter.Add', 'PNCounterAdd', [COLL_NAME, L(-5), true, PN_CLOCK, TEST_UUID],
    { name: COLL_NAME, delta: -5, getBeforeUpdate: true, replicaTimestamps: PN_CLOCK_PARAMS, targetReplicaUUID: UUID_STRING }, false);
addRequest('PNCounter.GetConfiguredReplicaCount', 'PNCounterGetConfiguredReplicaCount', [COLL_NAME], { name: COLL_NAME }, false);
// --- ReplicatedMap ---
const rm = (method, args, params, keyBased) => addRequest(`ReplicatedMap.${method}`, `ReplicatedMap${method}`, [COLL_NAME, ...args], col(params), keyBased);
const RM_PREDICATE = Predicates.greaterThan('this', 10);
rm('Put', [key, value, L(TTL)], { keyHex: K, valueHex: V, ttl: TTL }, true);
rm('Get', [key], { keyHex: K }, true);
rm('Remove', [key], { keyHex: K }, true);
rm('ContainsKey', [key], { keyHex: K }, true);
rm('ContainsValue', [value], { valueHex: V }, false);
for (const m of ['Size', 'IsEmpty', 'Clear', 'KeySet', 'Values', 'EntrySet']) rm(m, [], {}, false);
rm('PutAll', [[[key, value], [key2, value2]]], { entriesHex: [[K, V], [dataHex(key2), dataHex(value2)]] }, false);
rm('AddEntryListener', [LOCAL_ONLY], { localOnly: LOCAL_ONLY }, false);
rm('AddEntryListenerToKey', [key, LOCAL_ONLY], { keyHex: K, localOnly: LOCAL_ONLY }, false);
rm('AddEntryListenerWithPredicate', [ss.toData(RM_PREDICATE), LOCAL_ONLY], { predicateHex: dataHex(ss.toData(RM_PREDICATE)), localOnly: LOCAL_ONLY }, false);
rm('AddEntryListenerToKeyWithPredicate', [key, ss.toData(RM_PREDICATE), LOCAL_ONLY], { keyHex: K, predicateHex: dataHex(ss.toData(RM_PREDICATE)), localOnly: LOCAL_ONLY }, false);
rm('RemoveEntryListener', [REG_UUID], { registrationId: UUID_STRING }, false);
// --- MultiMap ---
const mm = (method, args, params, keyBased) => addRequest(`MultiMap.${method}`, `MultiMap${method}`, [COLL_NAME, ...args], col(params), keyBased);
const REF_ID = 77;
mm('Put', [key, value, THREAD_ID], { keyHex: K, valueHex: V, threadId: THREAD_ID }, true);
mm('Get', [key, THREAD_ID], { keyHex: K, threadId: THREAD_ID }, true);
mm('Remove', [key, THREAD_ID], { keyHex: K, threadId: THREAD_ID }, true);
mm('RemoveEntry', [key, value, THREAD_ID], { keyHex: K, valueHex: V, threadId: THREAD_ID }, true);
mm('Delete', [key, THREAD_ID], { keyHex: K, threadId: THREAD_ID }, true);
mm('ContainsKey', [key, THREAD_ID], { keyHex: K, threadId: THREAD_ID }, true);
mm('ContainsEntry', [key, value, THREAD_ID], { keyHex: K, valueHex: V, threadId: THREAD_ID }, true);
mm('ContainsValue', [value], { valueHex: V }, false);
mm('ValueCount', [key, THREAD_ID], { keyHex: K, threadId: THREAD_ID }, true);
for (const m of ['KeySet', 'Values', 'EntrySet', 'Size', 'Clear']) mm(m, [], {}, false);
mm('PutAll', [[[key, [value, value2]]]], { keyHex: K, valuesHex: [V, dataHex(value2)] }, false);
mm('AddEntryListener', [true, LOCAL_ONLY], { includeValue: true, localOnly: LOCAL_ONLY }, false);
mm('AddEntryListenerToKey', [key, true, LOCAL_ONLY], { keyHex: K, includeValue: true, localOnly: LOCAL_ONLY }, false);
mm('RemoveEntryListener', [REG_UUID], { registrationId: UUID_STRING }, false);
mm('Lock', [key, THREAD_ID, L(LEASE), L(REF_ID)], { keyHex: K, threadId: THREAD_ID, ttl: LEASE, referenceId: REF_ID }, true);
mm('TryLock', [key, THREAD_ID, L(LEASE), L(COLL_TIMEOUT), L(REF_ID)], { keyHex: K, threadId: THREAD_ID, lease: LEASE, timeout: COLL_TIMEOUT, referenceId: REF_ID }, true);
mm('IsLocked', [key], { keyHex: K }, true);
mm('Unlock', [key, THREAD_ID, L(REF_ID)], { keyHex: K, threadId: THREAD_ID, referenceId: REF_ID }, true);
mm('ForceUnlock', [key, L(REF_ID)], { keyHex: K, referenceId: REF_ID }, true);
// --- Aggregations: longSum('age') and count(), the Node.js client's bytes (the .NET side builds its own and must match) ---
const { Aggregators: NodeAggregators } = require('hazelcast-client');
const AGG = ss.toData(NodeAggregators.longSum('age'));
addRequest('Map.Aggregate', 'MapAggregate', [MAP_NAME, AGG], { name: MAP_NAME, aggregatorHex: dataHex(AGG) }, false);
const AGG_COUNT = ss.toData(NodeAggregators.count());
const AGG_PREDICATE = ss.toData(Predicates.greaterThan('age', 18));
addRequest('Map.AggregateWithPredicate', 'MapAggregateWithPredicate', [MAP_NAME, AGG_COUNT, AGG_PREDICATE],
    { name: MAP_NAME, aggregatorHex: dataHex(AGG_COUNT), predicateHex: dataHex(AGG_PREDICATE) }, false);
addRequest('Map.LoadAll', 'MapLoadAll', [MAP_NAME, true], { name: MAP_NAME, replaceExistingValues: true }, false);
addRequest('Map.LoadGivenKeys', 'MapLoadGivenKeys', [MAP_NAME, items, false], { name: MAP_NAME, valuesHex: ITEMS_HEX, replaceExistingValues: false }, false);
// --- Entry processors: an IdentifiedDataSerializable processor (factory 66, class 1, no fields), as the Node.js client writes it ---
const PROCESSOR = ss.toData({ factoryId: 66, classId: 1, writeData() { }, readData() { } });
const EP = { processorHex: dataHex(PROCESSOR) };
addRequest('Map.ExecuteOnKey', 'MapExecuteOnKey', [MAP_NAME, PROCESSOR, key, THREAD_ID], { name: MAP_NAME, ...EP, keyHex: K, threadId: THREAD_ID }, true);
addRequest('Map.ExecuteOnKeys', 'MapExecuteOnKeys', [MAP_NAME, PROCESSOR, items], { name: MAP_NAME, ...EP, valuesHex: ITEMS_HEX }, false);
addRequest('Map.ExecuteOnAllKeys', 'MapExecuteOnAllKeys', [MAP_NAME, PROCESSOR], { name: MAP_NAME, ...EP }, false);
addRequest('Map.ExecuteWithPredicate', 'MapExecuteWithPredicate', [MAP_NAME, PROCESSOR, AGG_PREDICATE], { name: MAP_NAME, ...EP, predicateHex: dataHex(AGG_PREDICATE) }, false);
skipped.push({ name: 'Topic.*', reason: 'the Node.js client 5.7.0 has no plain topic (only the reliable one, on a ringbuffer); Topic.* layouts come from Topic.yaml' });

// --- SQL: the requests of client.getSql().execute(...), its fetches and its close ---
{
    const { SqlQueryId } = require('hazelcast-client/lib/sql/SqlQueryId');
    const queryId = new SqlQueryId(Long.fromString('1311768467294899695'), Long.fromString('-81985529216486896'), Long.fromNumber(42), Long.fromNumber(-7));
    const queryIdParams = { memberIdHigh: '1311768467294899695', memberIdLow: '-81985529216486896', localIdHigh: '42', localIdLow: '-7' };
    const eighteen = ss.toData(18);
    addRequest('Sql.Execute', 'SqlExecute', ['SELECT name, age FROM students WHERE age > ? AND name <> ?', [eighteen, null], Long.fromNumber(-1), 4096, null, 0, queryId, false],
        { sql: 'SELECT name, age FROM students WHERE age > ? AND name <> ?', valuesHex: [dataHex(eighteen), null], timeoutMillis: -1, cursorBufferSize: 4096, schema: null,
            expectedResultType: 0, queryId: queryIdParams, skipUpdateStatistics: false }, false, 'a null parameter is a NULL frame in the ListCN_Data');
    addRequest('Sql.Execute/schema', 'SqlExecute', ['DELETE FROM students', [], Long.fromNumber(5000), 100, 'public', 2, queryId, false],
        { sql: 'DELETE FROM students', valuesHex: [], timeoutMillis: 5000, cursorBufferSize: 100, schema: 'public', expectedResultType: 2, queryId: queryIdParams, skipUpdateStatistics: false }, false);
    addRequest('Sql.Fetch', 'SqlFetch', [queryId, 4096], { queryId: queryIdParams, cursorBufferSize: 4096 }, false);
    addRequest('Sql.Close', 'SqlClose', [queryId], { queryId: queryIdParams }, false);
}

// ---------------------------------------------------------------------------
// Serialization vectors
// ---------------------------------------------------------------------------

const numberServices = {};
function servicesFor(defaultNumberType) {
    if (!numberServices[defaultNumberType]) {
        numberServices[defaultNumberType] = makeServices({ serialization: { defaultNumberType } });
    }
    return numberServices[defaultNumberType];
}

const serialization = [];

/**
 * @param name          vector name
 * @param input         the JS value handed to toData
 * @param description   JSON description of the input (see "conventions")
 * @param type          what was serialized, and how it was produced
 * @param numberType    optional defaultNumberType config option ('double' is the default)
 */
function addSerialization(name, input, description, type, numberType) {
    const services = numberType ? servicesFor(numberType) : defaultServices;
    const data = services.serializationService.toData(input);
    const buf = data.toBuffer();
    const entry = {
        name,
        value: description,
        type,
        typeId: buf.length >= 8 ? buf.readInt32BE(4) : null,
        dataHex: hex(buf),
        partitionHash: data.getPartitionHash(),
        partitionId: input === null ? null : services.partitionService.getPartitionId(data),
    };
    if (numberType) {
        entry.config = { serialization: { defaultNumberType: numberType } };
    }
    serialization.push(entry);
}

function ascii300() {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let s = '';
    for (let i = 0; i < 300; i++) {
        s += alphabet[i % alphabet.length];
    }
    return s;
}

const JSON_TEXT = '{"age":18,"name":"Ann"}';
const ASCII_300 = ascii300();

addSerialization('null', null, null, 'null');
addSerialization('boolean-true', true, true, 'boolean (JS boolean)');
addSerialization('boolean-false', false, false, 'boolean (JS boolean)');

addSerialization('string-empty', '', '', 'string');
addSerialization('string-ascii', 'key', 'key', 'string');
addSerialization('string-latin1', 'h\u00e9llo', 'h\u00e9llo', 'string');
addSerialization('string-cjk', '\u4f60\u597d\u4e16\u754c', '\u4f60\u597d\u4e16\u754c', 'string');
addSerialization('string-emoji', '\u{1F600}\u{1F389}', '\u{1F600}\u{1F389}', 'string (supplementary characters: UTF-16 surrogate pairs in JS)');
addSerialization('string-combining', 'e\u0301', 'e\u0301', 'string (e + U+0301 combining acute accent)');
addSerialization('string-ascii-300', ASCII_300, ASCII_300, 'string (300 ASCII chars, "abc..xyz0..9" repeated)');
// the other canonical request inputs
addSerialization('string-value1', 'value1', 'value1', 'string');
addSerialization('string-value0', 'value0', 'value0', 'string');
addSerialization('string-k2', 'k2', 'k2', 'string');
addSerialization('string-v2', 'v2', 'v2', 'string');
addSerialization('string-nokey', 'nokey', 'nokey', 'string');

addSerialization('double-42.5', 42.5, 42.5, 'double (JS number, default defaultNumberType "double")');
addSerialization('double-42', 42, 42, 'double (JS number, default defaultNumberType "double")');
addSerialization('double-negative-zero', -0, '-0.0', 'double (JS number -0, default defaultNumberType "double")');
addSerialization('double-nan', NaN, 'NaN', 'double (JS number NaN, default defaultNumberType "double")');

addSerialization('long-42', Long.fromNumber(42), '42', 'long (Long object from the "long" package the client depends on)');
addSerialization('long-min', Long.MIN_VALUE, '-9223372036854775808', 'long (Long.MIN_VALUE from the "long" package)');
addSerialization('int-42', 42, 42, 'int (JS number with config serialization.defaultNumberType = "integer")', 'integer');
addSerialization('short-42', 42, 42, 'short (JS number with config serialization.defaultNumberType = "short")', 'short');
addSerialization('byte-42', 42, 42, 'byte (JS number with config serialization.defaultNumberType = "byte")', 'byte');
addSerialization('float-42.5', 42.5, 42.5, 'float (JS number with config serialization.defaultNumberType = "float")', 'float');

addSerialization('byte-array-123', Buffer.from([1, 2, 3]), [1, 2, 3], 'byte[] (Node Buffer)');
addSerialization('byte-array-empty', Buffer.alloc(0), [], 'byte[] (empty Node Buffer)');

addSerialization('json-value', new HazelcastJsonValue(JSON_TEXT), JSON_TEXT, 'HazelcastJsonValue');
addSerialization('js-object', { age: 18, name: 'Ann' }, { age: 18, name: 'Ann' },
    'plain JS object (no serializer registered; falls back to the JSON serializer, JSON.stringify)');

addSerialization('uuid', TEST_UUID, UUID_STRING, 'UUID (hazelcast-client core UUID object)');

addSerialization('array-string', ['a', 'b'], ['a', 'b'], 'JS array of strings => String[]');
addSerialization('array-double', [1, 2, 3], [1, 2, 3], 'JS array of numbers, default defaultNumberType "double" => double[]');
addSerialization('array-int', [1, 2, 3], [1, 2, 3], 'JS array of numbers with defaultNumberType "integer" => int[]', 'integer');
addSerialization('array-boolean', [true, false], [true, false], 'JS array of booleans => boolean[]');
addSerialization('array-long', [Long.fromNumber(1), Long.fromNumber(2)], ['1', '2'], 'JS array of Long objects => long[]');
addSerialization('array-empty', [], [], 'empty JS array, default defaultNumberType "double" => double[]');

addSerialization('predicate-sql', Predicates.sql('this = v3'), 'Predicates.sql("this = v3")',
    'SqlPredicate (IdentifiedDataSerializable, factory -20, class 0)');

// Dates, times and big numbers: the official client's own classes and serializers (-25 Date, -51 LocalDate,
// -52 LocalTime, -53 LocalDateTime, -54 OffsetDateTime, -26 BigInteger from a JS bigint, -27 BigDecimal).
const { LocalDate, LocalTime, LocalDateTime, OffsetDateTime } = require('hazelcast-client/lib/core/DateTimeClasses');
const { BigDecimal } = require('hazelcast-client/lib/core/BigDecimal');
addSerialization('java-date', new Date(Date.UTC(2024, 1, 29, 13, 45, 30, 123)), '2024-02-29T13:45:30.123Z', 'Date => java.util.Date (ms since the epoch)');
addSerialization('local-date', new LocalDate(2024, 2, 29), '2024-02-29', 'LocalDate');
addSerialization('local-time', new LocalTime(13, 45, 30, 123456700), '13:45:30.1234567', 'LocalTime (nanoseconds a multiple of 100)');
addSerialization('local-datetime', LocalDateTime.from(2024, 2, 29, 13, 45, 30, 123456700), '2024-02-29T13:45:30.1234567', 'LocalDateTime');
addSerialization('offset-datetime', OffsetDateTime.fromDate(new Date(Date.UTC(2024, 1, 29, 11, 15, 30, 120)), 9000),
    '2024-02-29T11:15:30.12+02:30', 'OffsetDateTime (offset 9000 s; fromDate keeps the UTC fields as the local ones)');
addSerialization('biginteger-large', BigInt('123456789012345678901234567890'), '123456789012345678901234567890', 'BigInteger (JS bigint)');
addSerialization('bigdecimal', BigDecimal.fromString('12345.678'), '12345.678', 'BigDecimal');

// ---------------------------------------------------------------------------
// Murmur vectors
// ---------------------------------------------------------------------------

const MURMUR_SEED = 0x01000193; // the official murmur function hard-codes this seed
const murmurVectors = [];

function addMurmur(name, bytes) {
    const buf = Buffer.from(bytes);
    murmurVectors.push({ name, inputHex: hex(buf), seed: MURMUR_SEED, hash: murmur(buf) });
}

for (const s of ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'hello world!']) {
    addMurmur(s === '' ? 'empty' : `utf8:${s}`, Buffer.from(s, 'utf8'));
}

// mulberry32: a tiny fixed-seed PRNG so the random inputs never change.
const PRNG_SEED = 0x5eed1234;
function mulberry32(seed) {
    let a = seed >>> 0;
    return function next() {
        a = (a + 0x6D2B79F5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return (t ^ (t >>> 14)) >>> 0;
    };
}
const rng = mulberry32(PRNG_SEED);
for (let i = 0; i < 10; i++) {
    const length = 1 + (rng() % 40);
    const bytes = Buffer.alloc(length);
    for (let j = 0; j < length; j++) {
        bytes[j] = rng() & 0xff;
    }
    addMurmur(`random-${i + 1}`, bytes);
}

// ---------------------------------------------------------------------------
// Compact vectors: schema ids (Rabin fingerprints) and serialized objects
// ---------------------------------------------------------------------------

const compactTypes = require('../compact/types');
const { SchemaNotReplicatedError } = require('hazelcast-client/lib/core/HazelcastError');
const compactServices = (() => {
    const config = new ConfigBuilder({ serialization: { compact: { serializers: compactTypes.serializers } } }).build();
    const schemaService = new SchemaService(config, () => null, () => null, logger);
    return { schemaService, serializationService: new SerializationServiceV1(config.serialization, schemaService) };
})();

// toData throws SchemaNotReplicatedError for a schema the cluster does not have; here there is no cluster, so the
// schema is put in the local registry (what a successful Client.SendSchema does) and toData is called again.
function compactToData(value) {
    for (;;) {
        try {
            return compactServices.serializationService.toData(value);
        } catch (e) {
            if (!(e instanceof SchemaNotReplicatedError)) throw e;
            compactServices.schemaService.putIfAbsent(e.schema);
        }
    }
}

const compact = [];
function addCompact(name, value, note) {
    const data = compactToData(value);
    const buf = data.toBuffer();
    const schemaId = buf.readBigInt64BE(8);
    const schema = compactServices.schemaService.get(Long.fromString(schemaId.toString()));
    compact.push({
        name, note,
        typeName: schema.typeName,
        schemaId: schemaId.toString(),
        fields: schema.fields.map(f => ({ name: f.fieldName, kind: f.kind })),
        dataHex: hex(buf),
    });
}
addCompact('student', new compactTypes.Student('Ada', 42), 'name STRING, age INT32');
addCompact('student-null-name', new compactTypes.Student(null, -1), 'a null variable-size field: offset -1');
addCompact('person-nested', new compactTypes.Person('Grace', new compactTypes.Address('Arlington', 22201),
    [new compactTypes.Address('New York', 10001), null]), 'COMPACT and ARRAY_OF_COMPACT with a null item');
addCompact('student-short-offsets', new compactTypes.Student('x'.repeat(300), 1), 'data length >= 255: 2-byte offsets');
addCompact('student-int-offsets', new compactTypes.Student('y'.repeat(70000), 2), 'data length >= 65535: 4-byte offsets');
addCompact('allkinds', compactTypes.allKinds(), 'one field of each of the 42 kinds');
addCompact('allkinds-null', compactTypes.allNull(), 'every variable-size field null');

// ---------------------------------------------------------------------------
// Portable vectors: one service, in this order (class definitions are registered by the first write of a class,
// so the null nested object and the empty array come after a non-null one)
// ---------------------------------------------------------------------------

const portableTypes = require('../portable/types');
const portableServices = makeServices({ serialization: { portableFactories: { [portableTypes.FACTORY_ID]: portableTypes.factory } } });
const portable = [];
function addPortable(name, value, note) {
    const data = portableServices.serializationService.toData(value);
    portable.push({ name, note, dataHex: dataHex(data), partitionId: portableServices.partitionService.getPartitionId(data) });
}
{
    const P = portableTypes;
    addPortable('simple', new P.Simple(42, 'hi'), 'Simple(i = 42, s = "hi"): two fields, version 0');
    addPortable('outer', new P.Outer(new P.Simple(7, 'a')), 'Outer(inner = Simple(7, "a")): a nested Portable');
    addPortable('holder', new P.Holder([new P.Simple(1, 'x'), new P.Simple(2, 'y')]), 'Holder(items = [Simple(1, "x"), Simple(2, "y")])');
    addPortable('holder-empty', new P.Holder([]), 'Holder(items = [])');
    addPortable('holder-null', new P.Holder(null), 'Holder(items = null)');
    addPortable('outer-null', new P.Outer(null), 'Outer(inner = null)');
    addPortable('versioned', new P.Versioned(Long.fromNumber(5)), 'Versioned(l = 5): a VersionedPortable of version 2');
    addPortable('temporal', P.temporal(), 'Temporal: decimal 1.23, date 2021-02-09, time 12:23:34.000001, timestamp 2021-02-09T01:02:03.0000004, +01:00');
    addPortable('temporal-null', new P.Temporal(null, null, null, null, null), 'Temporal with every field null');
    addPortable('prims', new P.Prims(), 'Prims: byte 127, true, char A, short -2, float 1.5, double -0.25, int[] [1, 2], string[] null, string null');
    addPortable('employee', new P.Employee('Ann', 34, new P.Address('Paris', 75001), [new P.Address('Lyon', 69001)]),
        'Employee(name Ann, age 34, address Address(Paris, 75001), previous [Address(Lyon, 69001)])');
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

const notes = [
    'serialization: BigInteger and BigDecimal. The 5.7.0 client (lib/util/BigDecimalUtil.bigIntToBuffer) writes a positive '
    + 'value with a leading 0x00 byte even when Java\'s BigInteger.toByteArray() has none (123456789012345678901234567890: '
    + '14 bytes where Java writes 13), and a negative one wrongly: -129 as 7f (which reads back as 127), -12345678 as 439eb2, '
    + '-1 as no byte at all (which its own reader then fails on). So no negative vector is written, and for the positive '
    + 'ones our client (which writes Java\'s bytes) is checked to read the value, not to write the same bytes.',
    'serialization: no "long-42-number" vector. With serialization.defaultNumberType = "long" the official client '
    + 'hands a plain JS number to LongSerializer, whose writeLong reads long.high/long.low (undefined for a number) '
    + 'and so writes 0: toData(42) gives 00000000fffffff80000000000000000. That is a Node client defect, not a '
    + 'reference behaviour, so it is left out; use a Long object ("long-42") instead.',
    'serialization: there is no char wrapper and no defaultNumberType "char", so no char (-5) vector.',
    'Client.Authentication: the 5.7.0 codec writes the protocol 2.0 layout (initial frame content 34 bytes: '
    + 'uuid + serializationVersion only, no routingMode / cpDirectToLeaderRouting).',
    'CP requests (CPGroup.*, CPSession.*, AtomicLong.*, AtomicRef.*, FencedLock.*, Semaphore.*, CountDownLatch.*): '
    + 'partition id -1; groupId is the RaftGroupId passed to the codec, given as {"name","seed","id"} (seed and id '
    + 'are longs, passed as Long objects, as are sessionId, threadId, delta, expected, updated, newValue, timeoutMs); '
    + 'invocationUid as a canonical UUID string; Data values as ...Hex.',
];

// --- Transactions: the Node.js client 5.7.0 has no transaction codecs, so these requests are laid out here with
// its own frame primitives (ClientMessage, Frame, FixSizedTypesCodec, StringCodec, DataCodec), from the field order
// of hazelcast-client-protocol's Transaction.yaml and Transactional*.yaml: fixed-size fields in the initial frame
// in declared order from offset 16, then one frame per variable-size field in declared order. The same layouts were
// checked by hand against the official .NET client's generated codecs (docs/notes/transactions-protocol.md).
const { ClientMessage, Frame, PARTITION_ID_OFFSET } = require('hazelcast-client/lib/protocol/ClientMessage');
const { FixSizedTypesCodec } = require('hazelcast-client/lib/codec/builtin/FixSizedTypesCodec');
const { StringCodec } = require('hazelcast-client/lib/codec/builtin/StringCodec');
const { DataCodec } = require('hazelcast-client/lib/codec/builtin/DataCodec');

const FIXED_SIZES = { long: 8, int: 4, UUID: 17, bool: 1 };

function addLaidOutRequest(name, messageType, fields) {
    const message = ClientMessage.createForEncode();
    message.setRetryable(false);
    const fixed = fields.filter(([, type]) => FIXED_SIZES[type]);
    let offset = PARTITION_ID_OFFSET + 4;
    const initialFrame = Frame.createInitialFrame(offset + fixed.reduce((n, [, type]) => n + FIXED_SIZES[type], 0));
    for (const [, type, v] of fixed) {
        if (type === 'long') FixSizedTypesCodec.encodeLong(initialFrame.content, offset, Long.fromNumber(v));
        else if (type === 'int') FixSizedTypesCodec.encodeInt(initialFrame.content, offset, v);
        else if (type === 'bool') FixSizedTypesCodec.encodeBoolean(initialFrame.content, offset, v);
        else FixSizedTypesCodec.encodeUUID(initialFrame.content, offset, v);
        offset += FIXED_SIZES[type];
    }
    message.addFrame(initialFrame);
    message.setMessageType(messageType);
    message.setPartitionId(-1);
    for (const [, type, v] of fields) {
        if (type === 'String') StringCodec.encode(message, v);
        else if (type === 'Data') DataCodec.encode(message, v);
    }
    message.setCorrelationId(CORRELATION_ID);
    const params = {};
    for (const [field, type, v] of fields) {
        params[type === 'Data' ? `${field}Hex` : field] = type === 'Data' ? dataHex(v) : type === 'UUID' ? v.toString() : v;
    }
    requests.push({
        name, messageType, correlationId: CORRELATION_ID, partitionId: -1, params, hex: hex(message.toBuffer()),
        note: 'laid out with the Node.js client\'s frame primitives from the protocol definitions (it has no transaction codecs)',
    });
}

const TX = [['name', 'String', 'tx-map'], ['txnId', 'UUID', TEST_UUID], ['threadId', 'long', 7]];
const txKey = ['key', 'Data', key];
const txValue = ['value', 'Data', value];
const txPredicate = ['predicate', 'Data', ss.toData(Predicates.sql('this > 5'))];
// Partition-lost listeners: no codec in the Node.js client 5.7.0 either (Client.yaml's layout).
addLaidOutRequest('Client.AddPartitionLostListener', 0x000600, [['localOnly', 'bool', true]]);
addLaidOutRequest('Client.RemovePartitionLostListener', 0x000700, [['registrationId', 'UUID', TEST_UUID]]);
addLaidOutRequest('Transaction.Commit', 0x150100, [['transactionId', 'UUID', TEST_UUID], ['threadId', 'long', 7]]);
addLaidOutRequest('Transaction.Create', 0x150200, [['timeout', 'long', 120000], ['durability', 'int', 1], ['transactionType', 'int', 2], ['threadId', 'long', 7]]);
addLaidOutRequest('Transaction.Rollback', 0x150300, [['transactionId', 'UUID', TEST_UUID], ['threadId', 'long', 7]]);
[
    ['ContainsKey', 0x01, [txKey]], ['Get', 0x02, [txKey]], ['GetForUpdate', 0x03, [txKey]], ['Size', 0x04, []], ['IsEmpty', 0x05, []],
    ['Put', 0x06, [txKey, txValue, ['ttl', 'long', 60000]]], ['Set', 0x07, [txKey, txValue]], ['PutIfAbsent', 0x08, [txKey, txValue]],
    ['Replace', 0x09, [txKey, txValue]], ['ReplaceIfSame', 0x0A, [txKey, ['oldValue', 'Data', value], ['newValue', 'Data', ss.toData('value2')]]],
    ['Remove', 0x0B, [txKey]], ['Delete', 0x0C, [txKey]], ['RemoveIfSame', 0x0D, [txKey, txValue]], ['KeySet', 0x0E, []],
    ['KeySetWithPredicate', 0x0F, [txPredicate]], ['Values', 0x10, []], ['ValuesWithPredicate', 0x11, [txPredicate]],
].forEach(([method, id, rest]) => addLaidOutRequest(`TransactionalMap.${method}`, 0x0E0000 | (id << 8), [...TX, ...rest]));
[
    ['Put', 0x01, [txKey, txValue]], ['Get', 0x02, [txKey]], ['Remove', 0x03, [txKey]], ['RemoveEntry', 0x04, [txKey, txValue]],
    ['ValueCount', 0x05, [txKey]], ['Size', 0x06, []],
].forEach(([method, id, rest]) => addLaidOutRequest(`TransactionalMultiMap.${method}`, 0x0F0000 | (id << 8), [...TX, ...rest]));
for (const [service, sid] of [['TransactionalSet', 0x10], ['TransactionalList', 0x11]]) {
    [['Add', 0x01, [['item', 'Data', value]]], ['Remove', 0x02, [['item', 'Data', value]]], ['Size', 0x03, []]]
        .forEach(([method, id, rest]) => addLaidOutRequest(`${service}.${method}`, (sid << 16) | (id << 8), [...TX, ...rest]));
}
[
    ['Offer', 0x01, [['item', 'Data', value], ['timeout', 'long', 1500]]], ['Take', 0x02, []], ['Poll', 0x03, [['timeout', 'long', 1500]]],
    ['Peek', 0x04, [['timeout', 'long', 0]]], ['Size', 0x05, []],
].forEach(([method, id, rest]) => addLaidOutRequest(`TransactionalQueue.${method}`, 0x120000 | (id << 8), [...TX, ...rest]));

const output = {
    generator: `hazelcast-client ${HZ_PKG.version}`,
    conventions: {
        requests: 'hex = ClientMessage.toBuffer() of the official codec\'s encodeRequest(...) after '
            + `setCorrelationId(${CORRELATION_ID}) and setPartitionId(p); p = the official PartitionService `
            + `partition id of the key Data for key-based requests (${PARTITION_COUNT} partitions), else -1. `
            + 'BACKUP_AWARE is not set. Data params are given as hex (keyHex, valueHex, ...); UUIDs as canonical strings.',
        serialization: 'dataHex = SerializationServiceV1.toData(value).toBuffer(); partitionHash = '
            + 'HeapData.getPartitionHash(); partitionId = PartitionServiceImpl.getPartitionId(data) with '
            + `${PARTITION_COUNT} partitions (null for the null value). "value" describes the input: longs as decimal `
            + 'strings, byte[] as arrays of byte values, special doubles as the strings "NaN" and "-0.0". "config" is the '
            + 'client config used when it differs from the default.',
        murmur: 'hash = lib/invocation/Murmur.murmur(Buffer.from(inputHex, "hex")) as a signed int32; random '
            + `inputs come from mulberry32(seed 0x${PRNG_SEED.toString(16)}): length = 1 + next() % 40, `
            + 'then one next() & 0xff per byte.',
        compact: 'dataHex = toData(value).toBuffer() of the official client with the explicit serializers of '
            + 'compact/types.js (type id -55, then the schema id, then the fields); schemaId = the Rabin fingerprint '
            + 'the official client computed (signed int64, decimal); fields in schema (name) order with kind ids.',
        portable: 'dataHex = toData(value).toBuffer() of the official client with the factory of portable/types.js '
            + '(factory id 1), all on one serialization service in the order listed (a class definition is registered '
            + 'by the first write of its class); partitionId as for serialization.',
    },
    requests,
    serialization,
    murmur: murmurVectors,
    compact,
    portable,
    skipped,
    notes,
};

const outFile = path.join(__dirname, 'vectors.json');
fs.writeFileSync(outFile, JSON.stringify(output, null, 2) + '\n', 'utf8');
console.log(`wrote ${path.relative(process.cwd(), outFile)}: ${requests.length} requests, `
    + `${serialization.length} serialization vectors, ${murmurVectors.length} murmur vectors, ${compact.length} compact, ${portable.length} portable, `
    + `${skipped.length} skipped`);
