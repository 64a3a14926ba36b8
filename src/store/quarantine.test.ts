import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {acknowledgeNotices, DataFileQuarantinedError, listQuarantine, openNotices, purgeQuarantine, quarantineFile} from './quarantine.js';
import {errorText} from '../i18n/errors.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-quarantine-');
let dir: string;
beforeEach(() => {
	dir = tempDir();
});

const at = (iso: string) => ({now: () => new Date(iso)});

describe('quarantine', () => {
	it('moves a damaged file and its companions aside with a notice naming it; the folder is 0700', async () => {
		mkdirSync(join(dir, 'drafts'));
		mkdirSync(join(dir, 'captures', 'd-1'), {recursive: true});
		writeFileSync(join(dir, 'drafts', 'd-1.json'), '{"draftId": "d-1", "materi');
		writeFileSync(join(dir, 'captures', 'd-1', 'a.jpg'), 'JPEG');
		const notice = await quarantineFile(dir, join(dir, 'drafts', 'd-1.json'), {kind: 'syntax'}, {companions: [join(dir, 'captures', 'd-1')], clock: at('2026-12-01T10:15:00Z')});
		expect(notice).toMatchObject({original: 'drafts/d-1.json', reason: {kind: 'syntax'}, at: '2026-12-01T10:15:00.000Z'});
		expect(notice.id).toMatch(/^20261201T101500Z-[0-9a-f]{6}$/);
		expect(existsSync(join(dir, 'drafts', 'd-1.json'))).toBe(false);
		expect(existsSync(join(dir, 'captures', 'd-1'))).toBe(false);
		expect(readFileSync(join(dir, notice.moved[0]!), 'utf8')).toBe('{"draftId": "d-1", "materi');
		expect(readFileSync(join(dir, notice.moved[1]!, 'a.jpg'), 'utf8')).toBe('JPEG');
		expect(statSync(join(dir, 'quarantine')).mode & 0o777).toBe(0o700);
		expect((await openNotices(dir)).map((n) => n.id)).toEqual([notice.id]);
		const error = new DataFileQuarantinedError(notice);
		expect(error.exitCode).toBe(5);
		expect(errorText(error, 'zh-CN')).toContain('drafts/d-1.json');
		expect(errorText(error, 'zh-CN')).not.toMatch(/Unexpected|JSON|input/);
		expect(errorText(error, 'en')).toContain('drafts/d-1.json');
		expect(errorText(error, 'en')).not.toMatch(/[\u4e00-\u9fff]/);
	});

	it('stays until acknowledged; acknowledging keeps the files; purge removes what was set aside before the cutoff', async () => {
		writeFileSync(join(dir, 'cases.json'), 'null');
		const old = await quarantineFile(dir, join(dir, 'cases.json'), {kind: 'shape', path: 'file'}, {clock: at('2026-10-01T00:00:00Z')});
		writeFileSync(join(dir, 'cases.json'), '');
		const recent = await quarantineFile(dir, join(dir, 'cases.json'), {kind: 'empty'}, {clock: at('2026-11-30T00:00:00Z')});
		expect((await openNotices(dir)).map((n) => n.id)).toEqual([old.id, recent.id]);
		const acked = await acknowledgeNotices(dir, [old.id], 'os:tech', at('2026-12-01T00:00:00Z'));
		expect(acked.map((n) => n.id)).toEqual([old.id]);
		expect((await openNotices(dir)).map((n) => n.id)).toEqual([recent.id]);
		expect(existsSync(join(dir, old.moved[0]!))).toBe(true);
		expect((await listQuarantine(dir)).notices.find((n) => n.id === old.id)).toMatchObject({acknowledgedBy: 'os:tech', acknowledgedAt: '2026-12-01T00:00:00.000Z'});

		expect(await purgeQuarantine(dir, new Date('2026-11-01T00:00:00Z'), true)).toBe(1);
		expect(existsSync(join(dir, old.moved[0]!))).toBe(true);
		expect(await purgeQuarantine(dir, new Date('2026-11-01T00:00:00Z'), false)).toBe(1);
		expect(existsSync(join(dir, old.moved[0]!))).toBe(false);
		expect((await listQuarantine(dir)).notices.map((n) => n.id)).toEqual([recent.id]);
	});

	it('names an unreadable notice instead of hiding it', async () => {
		writeFileSync(join(dir, 'x.json'), '{');
		await quarantineFile(dir, join(dir, 'x.json'), {kind: 'syntax'});
		writeFileSync(join(dir, 'quarantine', '20260101T000000Z-000000.notice.json'), '{broken');
		expect((await listQuarantine(dir)).unreadable).toEqual(['quarantine/20260101T000000Z-000000.notice.json']);
	});
});
