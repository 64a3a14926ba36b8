/**
 * `config set` records config.change (key, old and new value) after the write; with the audit log
 * busy it refuses (exit 1) and leaves the setting as it was. `config restore` likewise: recorded as
 * config.restore with the keys that changed, refused while the log is busy.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import type {CommandModule} from 'yargs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {AuditStore, listRecent, verifyAuditLog} from '../../src/store/audit-store.js';
import {readSettings, settingsBackupPath, settingsPath} from '../../src/store/settings.js';
import type {GlobalArgs} from '../context.js';
import {runCli} from '../../src/test-utils/command-cli.js';
import {configCommand} from './index.js';
import {tempDirs} from '../../src/test-utils/temp-dirs.js';

const config = configCommand('en') as unknown as CommandModule<GlobalArgs, never>;
const dataDir = tempDirs('tongban-cfgaudit-');
afterEach(() => {
	vi.unstubAllEnvs();
});

describe('config set is audited', () => {
	it('records key, old and new value as the OS user (admin); the chain verifies', async () => {
		const dir = dataDir();
		expect((await runCli(config, ['config', 'set', 'idleLockMinutes', '7'], {dataDir: dir})).code).toBe(0);
		expect((await runCli(config, ['config', 'set', 'idleLockMinutes', '9'], {dataDir: dir})).code).toBe(0);
		const entries = await listRecent(dir, 10);
		expect(entries).toHaveLength(2);
		expect(entries[1]).toMatchObject({action: 'config.change', outcome: 'ok', details: {key: 'idleLockMinutes', old: 7, new: 9}});
		expect(entries[1]!.operator).toMatchObject({id: expect.stringMatching(/^os:/), role: 'admin'});
		expect((await verifyAuditLog(dir)).ok).toBe(true);
	});

	it('an invalid value changes nothing and records nothing', async () => {
		const dir = dataDir();
		expect((await runCli(config, ['config', 'set', 'idleLockMinutes', 'soon'], {dataDir: dir})).code).toBe(2);
		expect(await listRecent(dir, 10)).toEqual([]);
	});

	it('with the audit log held by a running console: exit 1, a clear message, the setting unchanged', async () => {
		const dir = dataDir();
		vi.stubEnv('TONGBAN_AUDIT_WAIT_MS', '0');
		const before = readSettings(dir).idleLockMinutes;
		const console = await AuditStore.open({dataDir: dir, terminal: 'T-CONSOLE', actor: {id: 'console', role: 'system'}});
		try {
			const run = await runCli(config, ['config', 'set', 'idleLockMinutes', String(before + 1), '--lang', 'en'], {dataDir: dir});
			expect(run.code).toBe(1);
			expect(run.stderr).toMatch(/Not done: this action must be written to the audit log, but the audit log is being written by another process \(pid \d+\)/);
		} finally {
			await console.close();
		}
		expect(readSettings(dir).idleLockMinutes).toBe(before);
		expect(await listRecent(dir, 10)).toEqual([]);
	});

	it('a repair of a broken key records the broken value as old', async () => {
		const dir = dataDir();
		writeFileSync(settingsPath(dir), '{"idleLockMinutes":"ten"}');
		expect((await runCli(config, ['config', 'set', 'idleLockMinutes', '12'], {dataDir: dir})).code).toBe(0);
		const [entry] = await listRecent(dir, 10);
		expect(entry).toMatchObject({action: 'config.change', details: {key: 'idleLockMinutes', old: 'ten', new: 12}});
	});
});

describe('config restore is audited', () => {
	it('records the keys that changed with old and new values; the chain verifies', async () => {
		const dir = dataDir();
		expect((await runCli(config, ['config', 'set', 'hubUrl', 'http://127.0.0.1:9'], {dataDir: dir})).code).toBe(0);
		writeFileSync(settingsPath(dir), '{"hubUrl":"hub.example","terminalId":"T-0042","colour":"red"}');
		const run = await runCli(config, ['config', 'restore', '--lang', 'en'], {dataDir: dir});
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('  hubUrl: hub.example → http://127.0.0.1:9');
		expect(run.stdout).toContain('  colour: red → (none)');
		const entries = await listRecent(dir, 10);
		expect(entries).toHaveLength(2);
		expect(entries[1]).toMatchObject({
			action: 'config.restore',
			outcome: 'ok',
			// The terminal is config.json's own while that key was valid.
			terminal: 'T-0042',
			details: {
				previous: 'keys',
				keys: ['hubUrl', 'terminalId', 'colour'],
				changes: [
					{key: 'hubUrl', old: 'hub.example', new: 'http://127.0.0.1:9'},
					{key: 'terminalId', old: 'T-0042', new: 'T-DEMO-0001'},
					{key: 'colour', old: 'red', new: null},
				],
			},
		});
		expect(entries[1]!.operator).toMatchObject({id: expect.stringMatching(/^os:/), role: 'admin'});
		expect((await verifyAuditLog(dir)).ok).toBe(true);
	});

	it('never echoes nor records the value of a key named like a secret (a mistyped hubToken)', async () => {
		const dir = dataDir();
		expect((await runCli(config, ['config', 'set', 'hubUrl', 'http://127.0.0.1:9'], {dataDir: dir})).code).toBe(0);
		writeFileSync(settingsPath(dir), '{"hubUrl":"http://127.0.0.1:9","hubToken":"s3cr3t-t0ken"}');
		const broken = await runCli(config, ['config', 'get', 'hubUrl', '--lang', 'en'], {dataDir: dir});
		expect(broken.code).toBe(5);
		expect(broken.stderr).toContain('hubToken: is not a known setting');
		const run = await runCli(config, ['config', 'restore', '--lang', 'en'], {dataDir: dir});
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('  hubToken: [secret] → (none)');
		const json = await runCli(config, ['config', 'restore', '--json'], {dataDir: dir});
		expect(json.code).toBe(0);
		const [entry] = (await listRecent(dir, 10)).filter((e) => e.action === 'config.restore');
		expect(entry!.details).toMatchObject({changes: [{key: 'hubToken', old: '[secret]', new: null}]});
		for (const text of [broken.stderr, broken.stdout, run.stdout, json.stdout, JSON.stringify(await listRecent(dir, 10))]) expect(text).not.toContain('s3cr3t');
	});

	it('with the audit log held by a running console: exit 1, config.json left as it was, nothing recorded', async () => {
		const dir = dataDir();
		expect((await runCli(config, ['config', 'set', 'hubUrl', 'http://127.0.0.1:9'], {dataDir: dir})).code).toBe(0);
		writeFileSync(settingsPath(dir), '');
		vi.stubEnv('TONGBAN_AUDIT_WAIT_MS', '0');
		const console = await AuditStore.open({dataDir: dir, terminal: 'T-CONSOLE', actor: {id: 'console', role: 'system'}});
		try {
			const run = await runCli(config, ['config', 'restore', '--lang', 'en'], {dataDir: dir});
			expect(run.code).toBe(1);
			expect(run.stderr).toMatch(/Not done: this action must be written to the audit log, but the audit log is being written by another process \(pid \d+\)/);
		} finally {
			await console.close();
		}
		expect(readFileSync(settingsPath(dir), 'utf8')).toBe('');
		expect(readFileSync(settingsBackupPath(dir), 'utf8')).toContain('http://127.0.0.1:9');
		expect((await listRecent(dir, 10)).map((e) => e.action)).toEqual(['config.change']);
	});
});
