'use strict';

// Starts our in-process Hazelcast member console (tools/Hazelcast.Member) as a child process, and makes official
// Node.js clients that connect to it. The official client is the referee: every test drives the member only
// through the public hazelcast-client API.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { before, after } = require('node:test');
const { Client } = require('hazelcast-client');

const DEFAULT_DLL = path.resolve(__dirname, '../../../../tools/Hazelcast.Member/bin/Debug/net10.0/Hazelcast.Member.dll');
const MEMBER_DLL = process.env.HZ_MEMBER_DLL ? path.resolve(process.env.HZ_MEMBER_DLL) : DEFAULT_DLL;

const READY_TIMEOUT_MS = 60_000;
const KILL_GRACE_MS = 5_000;

// Members still running when this process goes away (a test runner timeout, ^C) are killed with it.
const running = new Set();
process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
        for (const child of running) child.kill('SIGKILL');
        process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
}

/**
 * Starts the member console. Resolves with { addresses, uuids, process, stop() } once the `ready:` line appeared.
 * Rejects with a clear error (including the child's stderr) if the console exits first or is not ready in 60 s.
 */
function startMember({ members = 3, clusterName = 'dev', username, password, partitions, extraArgs = [], forwardStderr = true } = {}) {
    if (!fs.existsSync(MEMBER_DLL)) {
        return Promise.reject(new Error(`The member console ${MEMBER_DLL} does not exist; build tools/Hazelcast.Member or set HZ_MEMBER_DLL.`));
    }
    const args = [MEMBER_DLL, '--members', String(members), '--port', '0', '--cluster-name', clusterName];
    if (username !== undefined) args.push('--username', username, '--password', password);
    if (partitions !== undefined) args.push('--partitions', String(partitions));
    args.push(...extraArgs);

    const child = spawn('dotnet', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
    let stdout = '';
    let stderr = '';
    let exited = false;
    running.add(child);
    const exitPromise = new Promise((resolve) => {
        child.once('exit', (code, signal) => {
            exited = true;
            running.delete(child);
            resolve({ code, signal });
        });
    });

    const handle = {
        process: child,
        addresses: [],
        uuids: [],
        get stderr() { return stderr; },
        get stdout() { return stdout; },
        stopping: false,
        stop() {
            handle.stopping = true;
            return stopChild(child, exitPromise, () => exited);
        },
    };

    return new Promise((resolve, reject) => {
        let settled = false;
        const fail = (message) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            if (stderr && forwardStderr) process.stderr.write(`[member stderr]\n${stderr}\n`);
            handle.stop().finally(() => reject(new Error(`${message}\n--- member stdout ---\n${stdout}\n--- member stderr ---\n${stderr}`)));
        };
        const timer = setTimeout(() => fail(`The member console did not print 'ready' within ${READY_TIMEOUT_MS / 1000} s (dotnet ${args.join(' ')}).`), READY_TIMEOUT_MS);

        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk) => {
            stderr += chunk;
            // After start-up, forward the child's stderr as it comes so that member failures are visible.
            if (settled && forwardStderr) process.stderr.write(`[member stderr] ${chunk}`);
        });
        child.stdout.setEncoding('utf8');
        let pending = '';
        child.stdout.on('data', (chunk) => {
            stdout += chunk;
            if (settled) return;
            pending += chunk;
            let newline;
            while ((newline = pending.indexOf('\n')) >= 0) {
                const line = pending.slice(0, newline).trim();
                pending = pending.slice(newline + 1);
                const member = /^member (\S+) listening on (\S+)$/.exec(line);
                if (member) handle.uuids.push(member[1]);
                if (line.startsWith('ready:')) {
                    const at = / at (.+)$/.exec(line);
                    const addresses = at ? at[1].split(',').map((a) => a.trim()).filter(Boolean) : [];
                    if (addresses.length !== members) {
                        fail(`Could not read ${members} addresses from the ready line: ${line}`);
                        return;
                    }
                    handle.addresses.push(...addresses);
                    settled = true;
                    clearTimeout(timer);
                    resolve(handle);
                    return;
                }
            }
        });
        child.once('error', (e) => fail(`Could not start 'dotnet': ${e.message}`));
        exitPromise.then(({ code, signal }) => {
            if (!settled) fail(`The member console exited (code ${code}, signal ${signal}) before printing 'ready'.`);
            else if (!handle.stopping && code !== 0) process.stderr.write(`[member] exited unexpectedly (code ${code}, signal ${signal})\n${stderr}\n`);
        });
    });
}

/** SIGTERM, then SIGKILL if the child is still alive after 5 s; resolves once it exited. */
function stopChild(child, exitPromise, hasExited) {
    if (hasExited() || child.exitCode !== null || child.signalCode !== null) return exitPromise;
    child.kill('SIGTERM');
    const killer = setTimeout(() => {
        if (!hasExited()) child.kill('SIGKILL');
    }, KILL_GRACE_MS);
    return exitPromise.finally(() => clearTimeout(killer));
}

/** The client configuration the suite uses; `overrides` are merged one level deep. */
function clientConfig(addresses, overrides = {}) {
    const config = {
        clusterName: 'dev',
        network: { clusterMembers: addresses },
        properties: { 'hazelcast.logging.level': 'ERROR' },
    };
    for (const [key, value] of Object.entries(overrides)) {
        config[key] = value && typeof value === 'object' && !Array.isArray(value) && config[key] && typeof config[key] === 'object'
            ? { ...config[key], ...value }
            : value;
    }
    return config;
}

/** A new official client (smart routing, the default) connected to `addresses`. */
function newClient(addresses, overrides) {
    return Client.newHazelcastClient(clientConfig(addresses, overrides));
}

/**
 * Registers `before`/`after` hooks in the calling test file: one cluster of 3 members started before the tests,
 * and every client made with `cluster.newClient()` shut down, then the members stopped, after them.
 * (Node 20 runs a file's root-level `before` hooks concurrently, so `newClient()` awaits the start itself.)
 */
function useCluster(options = {}) {
    let starting;
    const cluster = {
        member: undefined,
        addresses: [],
        uuids: [],
        clients: [],
        start() {
            starting ??= startMember({ members: 3, ...options }).then((member) => {
                cluster.member = member;
                cluster.addresses = member.addresses;
                cluster.uuids = member.uuids;
                return cluster;
            });
            return starting;
        },
        async newClient(overrides) {
            await cluster.start();
            const client = await newClient(cluster.addresses, overrides);
            cluster.clients.push(client);
            return client;
        },
    };
    before(() => cluster.start(), { timeout: READY_TIMEOUT_MS + 10_000 });
    after(async () => {
        await shutdownClients(cluster.clients);
        if (cluster.member) await cluster.member.stop();
    }, { timeout: 30_000 });
    return cluster;
}

async function shutdownClients(clients) {
    await Promise.all(clients.splice(0).map((c) => c.shutdown().catch(() => { })));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 20 ms until it is truthy; rejects with `message` after `timeoutMs`. */
async function waitFor(condition, timeoutMs, message) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        if (await condition()) return;
        if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${message}`);
        await sleep(20);
    }
}

let counter = 0;
/** A map name unique to this process and call. */
function uniqueName(prefix) {
    counter += 1;
    return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

module.exports = { MEMBER_DLL, startMember, newClient, clientConfig, useCluster, shutdownClients, sleep, waitFor, uniqueName };

// `node --test test/` also runs this file (it lies under test/). Run that way, it checks the helper itself.
if (require.main === module) {
    const { test } = require('node:test');
    const assert = require('node:assert/strict');

    test('support: startMember resolves the ready addresses and stop() ends the console', { timeout: 80_000 }, async () => {
        const member = await startMember({ members: 2 });
        assert.equal(member.addresses.length, 2);
        assert.equal(member.uuids.length, 2);
        for (const address of member.addresses) assert.match(address, /^127\.0\.0\.1:\d+$/);
        const { code, signal } = await member.stop();
        assert.ok(code === 0 || signal === 'SIGTERM', `exit code ${code}, signal ${signal}`);
        assert.match(member.stdout, /^stopping$/m, 'the console shut down on SIGTERM');
    });

    test('support: startMember rejects with the console\'s stderr when it exits before ready', { timeout: 80_000 }, async () => {
        await assert.rejects(startMember({ extraArgs: ['--no-such-option'], forwardStderr: false }),
            /exited \(code 2[^]*Unknown option '--no-such-option'/);
    });
}
