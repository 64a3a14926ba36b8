/**
 * `config set` records config.change (key, old and new value) after the write; with the audit log
 * busy it refuses (exit 1) and leaves the setting as it was.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {CommandModule} from 'yargs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {AuditStore, listRecent, verifyAuditLog} from '../../src/store/audit-store.js';
import {readSettings} from '../../src/store/settings.js';
import type {GlobalArgs} from '../context.js';
import {runCli} from '../devices/test-cli.js';
import {configCommand} from './index.js';

const config = configCommand('en') as unknown as CommandModule<GlobalArgs, never>;
const dirs: string[] = [];
afterEach(() => {
	vi.unstubAllEnvs();
	for (const d of dirs.splice(0)) rmSync(d, {recursive: true, force: true});
});
const dataDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'tongban-cfgaudit-'));
	dirs.push(dir);
	return dir;
};

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
		const before = readSettings(dir).settings.idleLockMinutes;
		const console = await AuditStore.open({dataDir: dir, terminal: 'T-CONSOLE', actor: {id: 'console', role: 'system'}});
		try {
			const run = await runCli(config, ['config', 'set', 'idleLockMinutes', String(before + 1), '--lang', 'en'], {dataDir: dir});
			expect(run.code).toBe(1);
			expect(run.stderr).toMatch(/Not done: this action must be written to the audit log, but the audit log is being written by another process \(pid \d+\)/);
		} finally {
			await console.close();
		}
		expect(readSettings(dir).settings.idleLockMinutes).toBe(before);
		expect(await listRecent(dir, 10)).toEqual([]);
	});
});
