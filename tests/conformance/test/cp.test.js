'use strict';

// The CP Subsystem (PROTOCOL.md §5) driven through the official Node.js client's client.getCPSubsystem():
// AtomicLong, AtomicReference, FencedLock, Semaphore and CountDownLatch.
//
// The Node FencedLock is deliberately non-reentrant (every lock()/tryLock() uses a new "thread id") and has no
// getLockCount()/isLockedByCurrentThread(). For those the tests call the official proxy's own request methods
// (requestLock/requestUnlock/requestLockOwnershipState, which encode with the official codecs), the way the
// Java client implements them: the ownership state (fence, lockCount, sessionId, threadId) is compared with the
// caller's session and thread.
//
// The member console's CP session TTL is 300 s, so no session expires during this file; session ends here come
// from CPSession.CloseSession, which the client sends when it shuts down.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const Long = require('long');
const { IllegalMonitorStateError, IllegalArgumentError, IllegalStateError } = require('hazelcast-client');
const { UuidUtil } = require('hazelcast-client/lib/util/UuidUtil');
const { useCluster, sleep, uniqueName } = require('./support/member');

const cluster = useCluster();
let client;

before(async () => {
    client = await cluster.newClient();
});

const T = { timeout: 20_000 };
const cp = (c = client) => c.getCPSubsystem();
const num = (v) => (Long.isLong(v) ? v.toNumber() : v);

/** Starts `op` and checks it is still pending after `ms`; resolves with a promise of its outcome. */
async function pendingFor(ms, op) {
    let settled = false;
    const outcome = op().then((value) => ({ value }), (error) => ({ error }));
    outcome.then(() => { settled = true; });
    await sleep(ms);
    return { settled: () => settled, outcome };
}

/** Asserts that `promise` rejects with an error of class `type` that the member sent (not a client-side check). */
async function rejectsFromMember(promise, type, message) {
    await assert.rejects(promise, (e) => {
        assert.equal(e.constructor.name, type.name, `expected ${type.name}, got ${e.constructor.name}: ${e.message}`);
        assert.ok(e instanceof type);
        assert.ok(Array.isArray(e.serverStackTrace), `the error came from the member (${e.message})`);
        return true;
    }, message);
}

/** Runs `op` and returns [result, elapsed ms]. */
async function timed(op) {
    const started = Date.now();
    const result = await op();
    return [result, Date.now() - started];
}

// ---------------------------------------------------------------------------------------------- AtomicLong

test('AtomicLong: get/set/getAndSet/addAndGet/getAndAdd/compareAndSet', T, async () => {
    const along = await cp().getAtomicLong(uniqueName('long'));
    assert.ok(Long.isLong(await along.get()), 'get returns a Long');
    assert.equal(num(await along.get()), 0, 'a new AtomicLong is 0');
    assert.equal(await along.set(5), undefined, 'set returns nothing');
    assert.equal(num(await along.get()), 5);
    assert.equal(num(await along.getAndSet(7)), 5, 'getAndSet returns the old value');
    assert.equal(num(await along.get()), 7);
    assert.equal(num(await along.addAndGet(3)), 10, 'addAndGet returns the new value');
    assert.equal(num(await along.getAndAdd(2)), 10, 'getAndAdd returns the old value');
    assert.equal(num(await along.get()), 12);
    assert.equal(num(await along.addAndGet(-20)), -8, 'negative delta');
    assert.equal(await along.compareAndSet(-8, 20), true, 'compareAndSet with the current value');
    assert.equal(num(await along.get()), 20);
    assert.equal(await along.compareAndSet(-8, 30), false, 'compareAndSet with another value');
    assert.equal(num(await along.get()), 20, 'a failed compareAndSet changes nothing');
});

test('AtomicLong: increment/decrement variants', T, async () => {
    const along = await cp().getAtomicLong(uniqueName('long-inc'));
    assert.equal(num(await along.incrementAndGet()), 1);
    assert.equal(num(await along.getAndIncrement()), 1);
    assert.equal(num(await along.get()), 2);
    assert.equal(num(await along.decrementAndGet()), 1);
    assert.equal(num(await along.getAndDecrement()), 1);
    assert.equal(num(await along.get()), 0);
    assert.equal(num(await along.getAndDecrement()), 0);
    assert.equal(num(await along.get()), -1);
});

test('AtomicLong: 64-bit values, and Java overflow wraps around', T, async () => {
    const along = await cp().getAtomicLong(uniqueName('long-big'));
    await along.set(Long.MAX_VALUE);
    assert.ok((await along.get()).equals(Long.MAX_VALUE));
    assert.ok((await along.incrementAndGet()).equals(Long.MIN_VALUE), 'MAX_VALUE + 1 wraps to MIN_VALUE');
    assert.ok((await along.getAndSet(Long.fromString('1234567890123456789'))).equals(Long.MIN_VALUE));
    assert.equal((await along.get()).toString(), '1234567890123456789');
});

test('AtomicLong: two clients see one value', T, async () => {
    const name = uniqueName('long-shared');
    const clientB = await cluster.newClient();
    const a = await cp().getAtomicLong(name);
    const b = await cp(clientB).getAtomicLong(name);
    await a.set(40);
    assert.equal(num(await b.addAndGet(2)), 42);
    assert.equal(num(await a.get()), 42);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).incrementAndGet()));
    assert.equal(num(await b.get()), 62, 'concurrent increments from two clients are all applied');
});

test('AtomicLong: names with @group', T, async () => {
    const base = uniqueName('long-group');
    const plain = await cp().getAtomicLong(base);
    const qualified = await cp().getAtomicLong(`${base}@default`);
    const upper = await cp().getAtomicLong(`${base}@DEFAULT`);
    const custom = await cp().getAtomicLong(`${base}@grp1`);
    const other = await cp().getAtomicLong(`${base}@grp2`);
    assert.equal(qualified.getName(), base, 'the client strips @default');
    assert.equal(custom.getName(), `${base}@grp1`);

    await plain.set(1);
    assert.equal(num(await qualified.get()), 1, 'name@default is the same object as name');
    assert.equal(num(await upper.get()), 1, 'the default group name is case-insensitive');
    assert.equal(num(await custom.get()), 0, 'name@grp1 is another object');
    await custom.set(2);
    await other.set(3);
    assert.equal(num(await plain.get()), 1);
    assert.equal(num(await custom.get()), 2);
    assert.equal(num(await other.get()), 3);
    const again = await cp().getAtomicLong(` ${base} @ grp1 `);
    assert.equal(num(await again.get()), 2, 'whitespace around the object and group names is trimmed');

    await rejectsFromMember(cp().getAtomicLong(`${base}@METADATA`), IllegalArgumentError, 'the METADATA group is reserved');
});

// Java RaftService.getGroupNameForProxy keeps a custom group name as given (only "default" and "METADATA" are
// compared ignoring case) and MetadataRaftGroupManager.getRaftGroupByName compares names with equals().
test('AtomicLong: custom CP group names are case-sensitive', T, async () => {
    const base = uniqueName('long-case');
    const mixed = await cp().getAtomicLong(`${base}@GrpA`);
    const lower = await cp().getAtomicLong(`${base}@grpa`);
    await mixed.set(1);
    assert.equal(num(await lower.get()), 0, 'x@grpa is another object than x@GrpA');
    assert.equal(mixed.getGroupId().name, 'GrpA', 'the RaftGroupId keeps the group name as given');
    assert.equal(lower.getGroupId().name, 'grpa');
    assert.ok(!mixed.getGroupId().equals(lower.getGroupId()), 'two different groups');
});

// Java RaftAtomicValueService remembers destroyed names: any later use fails with DistributedObjectDestroyedException.
test('AtomicLong: a destroyed name cannot be used again', T, async () => {
    const name = uniqueName('long-destroy');
    const along = await cp().getAtomicLong(name);
    const keep = await cp().getAtomicLong(`${name}-kept`);
    await along.set(9);
    await keep.set(8);
    assert.equal(await along.destroy(), undefined);
    const fresh = await cp().getAtomicLong(name);
    await assert.rejects(fresh.get(), (e) => e.constructor.name === 'DistributedObjectDestroyedError');
    assert.equal(num(await keep.get()), 8, 'other AtomicLongs are untouched');
});

// ---------------------------------------------------------------------------------------------- AtomicReference

test('AtomicReference: set/get/getAndSet/compareAndSet/contains/isNull/clear', T, async () => {
    const ref = await cp().getAtomicReference(uniqueName('ref'));
    assert.equal(await ref.get(), null, 'a new AtomicReference holds null');
    assert.equal(await ref.isNull(), true);
    assert.equal(await ref.contains(null), true);
    assert.equal(await ref.set('hello'), undefined, 'set returns nothing');
    assert.equal(await ref.get(), 'hello');
    assert.equal(await ref.isNull(), false);
    assert.equal(await ref.contains('hello'), true);
    assert.equal(await ref.contains('other'), false);
    assert.equal(await ref.contains(null), false);

    assert.equal(await ref.getAndSet('world'), 'hello', 'getAndSet returns the old value');
    assert.equal(await ref.get(), 'world');
    assert.equal(await ref.compareAndSet('hello', 'x'), false, 'compareAndSet with another value');
    assert.equal(await ref.get(), 'world');
    assert.equal(await ref.compareAndSet('world', 'x'), true, 'compareAndSet with the current value');
    assert.equal(await ref.get(), 'x');

    assert.equal(await ref.clear(), undefined);
    assert.equal(await ref.get(), null, 'clear sets null');
    assert.equal(await ref.isNull(), true);
    assert.equal(await ref.compareAndSet('x', 'y'), false);
    assert.equal(await ref.compareAndSet(null, 'y'), true, 'compareAndSet from null');
    assert.equal(await ref.getAndSet(null), 'y');
    assert.equal(await ref.getAndSet('z'), null, 'getAndSet of a null reference returns null');
});

test('AtomicReference: values are compared in serialized form; other value types; two clients', T, async () => {
    const name = uniqueName('ref-types');
    const ref = await cp().getAtomicReference(name);
    const clientB = await cluster.newClient();
    const refB = await cp(clientB).getAtomicReference(name);
    await ref.set(42);
    assert.equal(await refB.get(), 42);
    assert.equal(await refB.contains(42), true);
    assert.equal(await refB.contains('42'), false, 'the number 42 and the string "42" differ');
    assert.equal(await refB.compareAndSet('42', 1), false);
    await refB.set({ age: 18, name: 'Ann' });
    assert.deepEqual(await ref.get(), { age: 18, name: 'Ann' });
    assert.equal(await ref.contains({ age: 18, name: 'Ann' }), true);
    await ref.set('a\u00e9\u4f60\u{1F600}');
    assert.equal(await refB.get(), 'a\u00e9\u4f60\u{1F600}');
    await ref.destroy();
    await assert.rejects((await cp().getAtomicReference(name)).get(), (e) => e.constructor.name === 'DistributedObjectDestroyedError');
});

// ---------------------------------------------------------------------------------------------- FencedLock

/** The lock's ownership state as the member reports it (FencedLock.GetLockOwnership). */
async function ownership(lock) {
    const s = await lock.requestLockOwnershipState();
    return { fence: num(s.fence), lockCount: s.lockCount, sessionId: num(s.sessionId), threadId: num(s.threadId) };
}

/** The thread id the Node proxy attached to a fence it returned. */
function threadOf(fence) {
    const symbol = Object.getOwnPropertySymbols(fence).find((s) => s.description === 'FenceThreadIdSymbol');
    assert.ok(symbol, 'the fence carries its thread id');
    return fence[symbol];
}

/** Java's isLockedByCurrentThread: locked, and owned by this proxy's session and the fence's thread. */
async function isLockedBy(lock, fence) {
    const s = await ownership(lock);
    return s.fence > 0 && s.sessionId === num(lock.getSessionId()) && s.threadId === threadOf(fence);
}

test('FencedLock: lock returns a positive fence; isLocked; ownership; unlock', T, async () => {
    const lock = await cp().getLock(uniqueName('lock'));
    assert.equal(await lock.isLocked(), false);
    assert.deepEqual(await ownership(lock), { fence: 0, lockCount: 0, sessionId: -1, threadId: -1 }, 'ownership of a free lock');

    const fence = await lock.lock();
    assert.ok(Long.isLong(fence));
    assert.ok(fence.greaterThan(0), `a positive fence (${fence})`);
    assert.equal(await lock.isLocked(), true);
    assert.equal(await isLockedBy(lock, fence), true, 'locked by the current "thread"');
    const s = await ownership(lock);
    assert.equal(s.fence, num(fence));
    assert.equal(s.lockCount, 1);
    assert.ok(s.sessionId > 0, 'the owner is a CP session');

    assert.equal(await lock.unlock(fence), undefined);
    assert.equal(await lock.isLocked(), false);
    assert.equal(await isLockedBy(lock, fence), false);

    const fence2 = await lock.tryLock();
    assert.ok(fence2 && fence2.greaterThan(fence), 'tryLock of a free lock returns a newer fence');
    assert.equal(await lock.isLocked(), true);
    await lock.unlock(fence2);
    const fence3 = await lock.tryLock(500);
    assert.ok(fence3 && fence3.greaterThan(fence2), 'tryLock(timeout) of a free lock');
    await lock.unlock(fence3);
    assert.equal(await lock.isLocked(), false);
});

test('FencedLock: a reentrant lock returns the same fence and counts holds', T, async () => {
    const lock = await cp().getLock(uniqueName('lock-reentrant'));
    const sessionId = await lock.acquireSession();
    const threadId = Long.fromNumber(lock.nextThreadId());
    try {
        const first = await lock.requestLock(sessionId, threadId, UuidUtil.generate());
        assert.ok(first.greaterThan(0));
        const second = await lock.requestLock(sessionId, threadId, UuidUtil.generate());
        assert.ok(second.equals(first), `the reentrant lock returns the same fence (${first}, ${second})`);
        const third = await lock.requestTryLock(sessionId, threadId, UuidUtil.generate(), 0);
        assert.ok(third.equals(first), 'a reentrant tryLock too');
        let s = await ownership(lock);
        assert.deepEqual(s, { fence: num(first), lockCount: 3, sessionId: num(sessionId), threadId: num(threadId) });

        // A retry of the last call (same invocation uid) is answered from memory, not counted again (§5.6).
        const uid = UuidUtil.generate();
        await lock.requestUnlock(sessionId, threadId, uid);
        assert.equal((await ownership(lock)).lockCount, 2);
        assert.equal(await lock.requestUnlock(sessionId, threadId, uid), true, 'the retried unlock answers as before');
        s = await ownership(lock);
        assert.equal(s.lockCount, 2, 'getLockCount is 2 after three locks, one unlock and its retry');

        assert.equal(await lock.requestUnlock(sessionId, threadId, UuidUtil.generate()), true, 'still held after one more unlock');
        assert.equal((await ownership(lock)).lockCount, 1);
        assert.equal(await lock.isLocked(), true);
        assert.equal(await lock.requestUnlock(sessionId, threadId, UuidUtil.generate()), false, 'the last unlock frees the lock');
        assert.equal(await lock.isLocked(), false);
        assert.deepEqual(await ownership(lock), { fence: 0, lockCount: 0, sessionId: -1, threadId: -1 });
    } finally {
        lock.releaseSession(sessionId);
    }
});

test('FencedLock: another client\'s tryLock fails until the owner unlocks fully; fences increase across owners', T, async () => {
    const name = uniqueName('lock-contention');
    const lockA = await cp().getLock(name);
    const clientB = await cluster.newClient();
    const lockB = await cp(clientB).getLock(name);

    const sessionA = await lockA.acquireSession();
    const threadA = Long.fromNumber(lockA.nextThreadId());
    let fenceB;
    try {
        const fenceA = await lockA.requestLock(sessionA, threadA, UuidUtil.generate());
        await lockA.requestLock(sessionA, threadA, UuidUtil.generate()); // held twice
        assert.equal(await lockB.isLocked(), true, 'B sees A\'s lock');

        const [result, waited] = await timed(() => lockB.tryLock(300));
        assert.equal(result, undefined, 'B cannot lock while A holds it');
        assert.ok(waited >= 250, `tryLock waited for its timeout (${waited} ms)`);
        assert.ok(waited < 3000, `tryLock gave up in time (${waited} ms)`);
        assert.equal(await lockB.tryLock(), undefined, 'tryLock without a timeout fails at once');

        await lockA.requestUnlock(sessionA, threadA, UuidUtil.generate());
        assert.equal(await lockB.tryLock(200), undefined, 'B still fails after A\'s first of two unlocks');

        const waiting = await pendingFor(300, () => lockB.tryLock(10_000));
        assert.equal(waiting.settled(), false, 'B\'s tryLock(10 s) waits');
        await lockA.requestUnlock(sessionA, threadA, UuidUtil.generate());
        const outcome = await waiting.outcome;
        assert.equal(outcome.error, undefined, String(outcome.error));
        fenceB = outcome.value;
        assert.ok(fenceB, 'B\'s waiting tryLock succeeds once A unlocked fully');
        assert.ok(fenceB.greaterThan(fenceA), `B's fence ${fenceB} > A's fence ${fenceA}`);
        assert.equal(await isLockedBy(lockB, fenceB), true);
        assert.equal((await ownership(lockA)).sessionId, num(lockB.getSessionId()), 'A sees B\'s session as the owner');
    } finally {
        lockA.releaseSession(sessionA);
    }

    // lock() blocks until the owner unlocks.
    const blocked = await pendingFor(300, () => lockA.lock());
    assert.equal(blocked.settled(), false, 'A\'s lock() waits while B holds the lock');
    await lockB.unlock(fenceB);
    const { value: fenceA2, error } = await blocked.outcome;
    assert.equal(error, undefined, String(error));
    assert.ok(fenceA2.greaterThan(fenceB), `A's new fence ${fenceA2} > B's fence ${fenceB}`);
    await lockA.unlock(fenceA2);

    const fenceB2 = await lockB.lock();
    assert.ok(fenceB2.greaterThan(fenceA2), 'fences strictly increase with every new owner');
    await lockB.unlock(fenceB2);
});

test('FencedLock: unlock by a non-owner rejects with IllegalMonitorStateError from the member', T, async () => {
    const name = uniqueName('lock-owner');
    const lockA = await cp().getLock(name);
    const clientB = await cluster.newClient();
    const lockB = await cp(clientB).getLock(name);

    // B gets a CP session (and a fence of its own) first, so that its unlock reaches the member.
    const fenceB = await lockB.lock();
    await lockB.unlock(fenceB);

    const fenceA = await lockA.lock();
    await rejectsFromMember(lockB.unlock(fenceB), IllegalMonitorStateError, 'B unlocks A\'s lock');
    assert.equal(await lockA.isLocked(), true, 'the failed unlock leaves A\'s lock');
    assert.equal(await isLockedBy(lockA, fenceA), true);
    assert.equal((await ownership(lockA)).lockCount, 1);

    await lockA.unlock(fenceA);
    await rejectsFromMember(lockA.unlock(fenceA), IllegalMonitorStateError, 'unlocking a free lock');

    // Another "thread" of the same client is not the owner either.
    const fenceA2 = await lockA.lock();
    await rejectsFromMember(lockA.unlock(fenceA), IllegalMonitorStateError, 'unlock with an older fence of another thread');
    assert.equal(await isLockedBy(lockA, fenceA2), true);
    await lockA.unlock(fenceA2);
});

test('FencedLock: closing the owner\'s session (client shutdown) releases the lock', T, async () => {
    const name = uniqueName('lock-close');
    const lockA = await cp().getLock(name);
    const clientC = await cluster.newClient();
    const lockC = await cp(clientC).getLock(name);
    await lockC.lock();
    assert.equal(await lockA.tryLock(), undefined);
    const waiting = await pendingFor(200, () => lockA.tryLock(10_000));
    assert.equal(waiting.settled(), false);
    await clientC.shutdown();
    const { value: fence, error } = await waiting.outcome;
    assert.equal(error, undefined, String(error));
    assert.ok(fence, 'A gets the lock once C\'s session is closed');
    await lockA.unlock(fence);
});

// ---------------------------------------------------------------------------------------------- Semaphore

test('Semaphore: init/availablePermits/acquire/tryAcquire/release/drain/increase/reduce', T, async () => {
    const sem = await cp().getSemaphore(uniqueName('sem'));
    assert.equal(sem.constructor.name, 'SessionAwareSemaphoreProxy', 'semaphores are session-aware by default (GetSemaphoreType false)');
    assert.equal(await sem.availablePermits(), 0, 'a new semaphore has no permits');
    assert.equal(await sem.init(3), true, 'the first init');
    assert.equal(await sem.init(5), false, 'init of an initialised semaphore');
    assert.equal(await sem.availablePermits(), 3);

    assert.equal(await sem.acquire(), undefined);
    assert.equal(await sem.availablePermits(), 2);
    await sem.acquire(2);
    assert.equal(await sem.availablePermits(), 0);
    assert.equal(await sem.tryAcquire(), false, 'tryAcquire without permits fails at once');
    const [acquired, waited] = await timed(() => sem.tryAcquire(1, 300));
    assert.equal(acquired, false, 'tryAcquire(1, 300) times out');
    assert.ok(waited >= 250 && waited < 3000, `tryAcquire waited for its timeout (${waited} ms)`);

    await sem.release();
    assert.equal(await sem.availablePermits(), 1);
    assert.equal(await sem.tryAcquire(1, 300), true);
    await sem.release(2);
    assert.equal(await sem.availablePermits(), 2);

    assert.equal(await sem.drainPermits(), 2, 'drain takes every available permit');
    assert.equal(await sem.availablePermits(), 0);
    assert.equal(await sem.drainPermits(), 0, 'drain of an empty semaphore');

    await sem.increasePermits(5);
    assert.equal(await sem.availablePermits(), 5);
    await sem.reducePermits(2);
    assert.equal(await sem.availablePermits(), 3);
    assert.equal(await sem.tryAcquire(4), false, 'more permits than available');
    assert.equal(await sem.tryAcquire(3), true);
    assert.equal(await sem.availablePermits(), 0);

    // This client's session now holds 6 permits (1 + 2 - 1 + 1 - 2 acquired/released, 2 drained, 3 acquired).
    await sem.release(3);
    assert.equal(await sem.availablePermits(), 3);
    await sem.release(3);
    assert.equal(await sem.availablePermits(), 6);
});

// Java SemaphoreService.releasePermits: "throw new IllegalStateException("Could not release " + permits + " permits in
// Semaphore[...] because the caller has acquired less than " + permits + " permits")" => ILLEGAL_STATE (27).
test('Semaphore: releasing more permits than the session holds rejects with IllegalStateError', T, async () => {
    const sem = await cp().getSemaphore(uniqueName('sem-release'));
    assert.equal(await sem.init(3), true);
    await sem.acquire(2);
    await rejectsFromMember(sem.release(3), IllegalStateError, 'releasing 3 of 2 held permits');
    assert.equal(await sem.availablePermits(), 1, 'a failed release changes nothing');
    await sem.release(2);
    assert.equal(await sem.availablePermits(), 3);
    await rejectsFromMember(sem.release(1), IllegalStateError, 'releasing when the session holds no permits');
});

// Java Semaphore.change/drain/getAvailable (the java.util.concurrent contract; Hazelcast's own
// testAllowNegativePermits / testNegativePermitsJucCompatibility): reducePermits may take the count below zero,
// availablePermits reports it, and drainPermits returns it (negative) and resets the count to 0.
test('Semaphore: reducePermits below zero gives negative availablePermits; drainPermits resets it', T, async () => {
    const sem = await cp().getSemaphore(uniqueName('sem-negative'));
    assert.equal(await sem.init(10), true);
    await sem.reducePermits(15);
    assert.equal(await sem.availablePermits(), -5, 'availablePermits after init(10), reducePermits(15)');
    assert.equal(await sem.tryAcquire(1), false);
    assert.equal(await sem.drainPermits(), -5, 'drainPermits of a negative count');
    assert.equal(await sem.availablePermits(), 0, 'drain resets the count to 0');
    await sem.increasePermits(2);
    assert.equal(await sem.availablePermits(), 2);
});

// Java Semaphore.acquire only checks isAvailable(permits) (no queue check), and assignPermitsToWaitKeys walks the
// whole wait queue granting every waiter whose permits fit.
test('Semaphore: an acquire that fits succeeds while a bigger acquire waits', T, async () => {
    const name = uniqueName('sem-barging');
    const semA = await cp().getSemaphore(name);
    const clientB = await cluster.newClient();
    const semB = await cp(clientB).getSemaphore(name);
    assert.equal(await semA.init(3), true);
    await semA.acquire(2);
    const big = await pendingFor(300, () => semB.tryAcquire(2, 5000));
    assert.equal(big.settled(), false, 'B waits for 2 permits while 1 is available');
    assert.equal(await semA.tryAcquire(1), true, 'A takes the 1 available permit at once');
    assert.equal(await semA.availablePermits(), 0);
    await semA.release(3);
    const { value, error } = await big.outcome;
    assert.equal(error, undefined, String(error));
    assert.equal(value, true, 'B gets its 2 permits once A released');
    await semB.release(2);
});

test('Semaphore: a release wakes a later waiter whose permits fit even when an earlier one does not', T, async () => {
    const name = uniqueName('sem-skip');
    const semA = await cp().getSemaphore(name);
    const clientB = await cluster.newClient();
    const semB = await cp(clientB).getSemaphore(name);
    assert.equal(await semA.init(1), true);
    await semA.acquire(1);
    const big = await pendingFor(200, () => semB.tryAcquire(2, 5000));
    const small = await pendingFor(200, () => semB.tryAcquire(1, 3000));
    assert.equal(big.settled(), false);
    assert.equal(small.settled(), false);
    const started = Date.now();
    await semA.release(1);
    const { value, error } = await small.outcome;
    assert.equal(error, undefined, String(error));
    assert.equal(value, true, 'the waiter for 1 permit gets the released permit');
    assert.ok(Date.now() - started < 2000, `at once (${Date.now() - started} ms), not at its timeout`);
    assert.equal(big.settled(), false, 'the waiter for 2 permits still waits');
    await semA.increasePermits(1);
    await semB.release(1);
    const bigOutcome = await big.outcome;
    assert.equal(bigOutcome.value, true, 'the waiter for 2 permits gets them once 2 are available');
    await semB.release(2);
});

test('Semaphore: a second client acquires after the first releases', T, async () => {
    const name = uniqueName('sem-shared');
    const semA = await cp().getSemaphore(name);
    const clientB = await cluster.newClient();
    const semB = await cp(clientB).getSemaphore(name);
    assert.equal(await semA.init(2), true);
    assert.equal(await semB.init(2), false);
    await semA.acquire(2);
    assert.equal(await semB.availablePermits(), 0);
    assert.equal(await semB.tryAcquire(1, 200), false, 'B cannot acquire while A holds every permit');

    await semA.release(1);
    assert.equal(await semB.tryAcquire(1, 1000), true, 'B acquires the permit A released');
    assert.equal(await semA.availablePermits(), 0);

    const waiting = await pendingFor(300, () => semB.tryAcquire(1, 10_000));
    assert.equal(waiting.settled(), false, 'B\'s tryAcquire(1, 10 s) waits');
    await semA.release(1);
    const { value, error } = await waiting.outcome;
    assert.equal(error, undefined, String(error));
    assert.equal(value, true, 'B\'s waiting tryAcquire succeeds when A releases');
    assert.equal(await semA.availablePermits(), 0);
    await semB.release(2);
    assert.equal(await semA.availablePermits(), 2);
});

test('Semaphore: permits held by a session come back when it closes; a semaphore in a custom group', T, async () => {
    const name = `${uniqueName('sem-group')}@semgrp`;
    const sem = await cp().getSemaphore(name);
    const clientC = await cluster.newClient();
    const semC = await cp(clientC).getSemaphore(name);
    assert.equal(await sem.init(3), true);
    await semC.acquire(2);
    assert.equal(await sem.availablePermits(), 1);
    const waiting = await pendingFor(200, () => sem.tryAcquire(3, 10_000));
    assert.equal(waiting.settled(), false);
    await clientC.shutdown();
    const { value, error } = await waiting.outcome;
    assert.equal(error, undefined, String(error));
    assert.equal(value, true, 'C\'s permits came back when its session closed');
    assert.equal(await sem.availablePermits(), 0);
    await sem.release(3);
    assert.equal(await sem.availablePermits(), 3);
});

// ---------------------------------------------------------------------------------------------- CountDownLatch

test('CountDownLatch: trySetCount/countDown/getCount/await/getRound', T, async () => {
    const name = uniqueName('latch');
    const latch = await cp().getCountDownLatch(name);
    const clientB = await cluster.newClient();
    const latchB = await cp(clientB).getCountDownLatch(name);

    assert.equal(await latch.getCount(), 0, 'a new latch has count 0');
    assert.equal(await latch.getRound(), 0, 'a new latch is in round 0');
    assert.equal(await latch.await(100), true, 'await of a latch at 0 returns true at once');
    assert.equal(await latch.trySetCount(2), true);
    assert.equal(await latch.getCount(), 2);
    assert.equal(await latch.getRound(), 1, 'trySetCount starts round 1');
    assert.equal(await latchB.trySetCount(5), false, 'trySetCount while counting');
    assert.equal(await latch.getCount(), 2);

    const [early, waited] = await timed(() => latchB.await(300));
    assert.equal(early, false, 'await times out while the count is not 0');
    assert.ok(waited >= 250 && waited < 3000, `await waited for its timeout (${waited} ms)`);
    assert.equal(await latchB.await(0), false, 'await(0) does not wait');

    await latch.countDown();
    assert.equal(await latchB.getCount(), 1);
    const waiting = await pendingFor(300, () => latchB.await(10_000));
    assert.equal(waiting.settled(), false, 'B waits for the count to reach 0');
    await latch.countDown();
    const { value, error } = await waiting.outcome;
    assert.equal(error, undefined, String(error));
    assert.equal(value, true, 'await returns true once the count reached 0');
    assert.equal(await latch.getCount(), 0);
    assert.equal(await latchB.await(1000), true, 'await after the count reached 0');
    await latch.countDown();
    assert.equal(await latch.getCount(), 0, 'countDown at 0 keeps 0');
    assert.equal(await latch.getRound(), 1);

    assert.equal(await latchB.trySetCount(3), true, 'trySetCount once the count is 0');
    assert.equal(await latch.getRound(), 2, 'a new round');
    assert.equal(await latch.getCount(), 3);
    await Promise.all([latch.countDown(), latchB.countDown(), latch.countDown()]);
    assert.equal(await latch.getCount(), 0, 'three concurrent countDowns (three invocation uids) count three');
    assert.equal(await latch.await(10), true);
    assert.equal(await latch.getRound(), 2);
});
