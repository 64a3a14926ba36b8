import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {planPurge} from '../core/audit/retention.js';
import {AuditStore, listRecent} from './audit-store.js';
import {runPurge, type CaseAcceptancePort} from './retention.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-purge-');

const now = new Date('2026-11-26T08:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

describe('planPurge', () => {
	it('purges only files of cases accepted at least retentionDays ago', () => {
		const plan = planPurge({
			files: [
				{kind: 'draft', relativePath: 'C1/form.json'},
				{kind: 'capture', relativePath: 'C1/id-front.jpg'},
				{kind: 'capture', relativePath: 'C2.jpg'},
				{kind: 'draft', relativePath: 'C3/form.json'},
				{kind: 'draft', relativePath: '.hidden'},
			],
			acceptedAt: new Map([
				['C1', daysAgo(31)],
				['C2', daysAgo(29)],
			]),
			now,
			retentionDays: 30,
		});
		expect(plan.purge.map((f) => f.relativePath)).toEqual(['C1/form.json', 'C1/id-front.jpg']);
		expect(plan.keep.map((f) => [f.relativePath, f.reason])).toEqual([
			['C2.jpg', 'too_recent'],
			['C3/form.json', 'not_accepted'],
			['.hidden', 'no_case'],
		]);
		expect(plan.cases).toEqual(['C1']);
	});

	it('refuses a retention outside 1..3650 days', () => {
		expect(() => planPurge({files: [], acceptedAt: new Map(), now, retentionDays: 0})).toThrow(RangeError);
	});
});

describe('runPurge', () => {
	it('deletes the planned files, keeps the rest, and audits counts only', async () => {
		const dataDir = tempDir();
		for (const [dir, file] of [['drafts/C1', 'form.json'], ['captures/C1', 'a.jpg'], ['captures/C2', 'b.jpg']] as const) {
			mkdirSync(join(dataDir, dir), {recursive: true});
			writeFileSync(join(dataDir, dir, file), 'x');
		}
		const acceptance: CaseAcceptancePort = {acceptedAt: async () => new Map([['C1', daysAgo(40)]])};
		const dry = await runPurge({dataDir, retentionDays: 30, acceptance, dryRun: true, clock: {now: () => now}});
		expect(dry.plan.purge).toHaveLength(2);
		expect(existsSync(join(dataDir, 'drafts/C1/form.json'))).toBe(true);

		const audit = await AuditStore.open({dataDir, terminal: 'T1', clock: {now: () => now}});
		const result = await runPurge({dataDir, retentionDays: 30, acceptance, dryRun: false, audit, clock: {now: () => now}});
		await audit.close();
		expect(result.deleted).toBe(2);
		expect(existsSync(join(dataDir, 'drafts/C1'))).toBe(false);
		expect(existsSync(join(dataDir, 'captures/C2/b.jpg'))).toBe(true);
		const [entry] = await listRecent(dataDir, 1);
		expect(entry).toMatchObject({action: 'retention.purge', outcome: 'ok', details: {files: 2, cases: 1, kept: 1, retentionDays: 30}});
		expect(JSON.stringify(entry)).not.toContain('C1');
	});
});
