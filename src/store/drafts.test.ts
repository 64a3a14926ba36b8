import {createHash} from 'node:crypto';
import {mkdir, readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {CaptureIntegrityError, DraftStore} from './drafts.js';
import {DataFileQuarantinedError, openNotices} from './quarantine.js';
import {errorText} from '../i18n/errors.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const clock = {now: () => new Date('2026-03-02T09:30:15Z')};
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const JPEG = Buffer.from([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9]);

const tempDir = tempDirs('drafts-');
let dir: string;
beforeEach(() => {
	dir = tempDir();
});

describe('DraftStore', () => {
	it('stores a capture by its SHA-256 (0600 file, 0700 dirs) and records it in the draft, which a new store reloads', async () => {
		const store = new DraftStore({dataDir: dir, clock, newId: () => 'd-1'});
		const draft = await store.create({itemCode: 'I1', implementationCode: 'IMP1', applicant: {masked: '110105********0514', idNumber: '110105198503120514'}, eligibility: {result: 'eligible', ruleVersion: '2026.1'}});
		const hash = sha(JPEG);
		await store.saveCapture(draft.draftId, 'M01', JPEG, hash);
		const file = join(dir, 'captures', 'd-1', `${hash}.jpg`);
		expect(await readFile(file)).toEqual(JPEG);
		expect((await stat(file)).mode & 0o777).toBe(0o600);
		expect((await stat(join(dir, 'captures', 'd-1'))).mode & 0o777).toBe(0o700);
		expect((await stat(join(dir, 'drafts', 'd-1.json'))).mode & 0o777).toBe(0o600);

		const reopened = new DraftStore({dataDir: dir, clock});
		const loaded = await reopened.findLatest('IMP1', '110105198503120514');
		expect(loaded?.materials).toEqual([{code: 'M01', sha256: hash, pages: 1, originalVerified: false, capturedAt: '2026-03-02T09:30:15.000Z'}]);
		expect(loaded?.eligibility).toEqual({result: 'eligible', ruleVersion: '2026.1'});
		expect(await reopened.readCapture('d-1', hash)).toEqual(JPEG);
		expect(await reopened.findLatest('IMP1', '510107197206083457')).toBeUndefined();
	});

	it('refuses bytes that do not match their SHA-256 and stores nothing', async () => {
		const store = new DraftStore({dataDir: dir, clock, newId: () => 'd-2'});
		await store.create({itemCode: 'I1', implementationCode: 'IMP1'});
		const corrupted = Buffer.from(JPEG);
		corrupted[3] = 9;
		await expect(store.saveCapture('d-2', 'M01', corrupted, sha(JPEG))).rejects.toBeInstanceOf(CaptureIntegrityError);
		expect((await store.get('d-2'))?.materials).toEqual([]);
		await expect(stat(join(dir, 'captures', 'd-2'))).rejects.toThrow();
	});

	it('changes made at the same time all land: each is applied to what the one before it wrote', async () => {
		const store = new DraftStore({dataDir: dir, clock, newId: () => 'd-4'});
		await store.create({itemCode: 'I1', implementationCode: 'IMP1'});
		await Promise.all([
			store.setOriginalVerified('d-4', 'M01', true),
			store.saveCapture('d-4', 'M02', JPEG, sha(JPEG)),
			store.update('d-4', {step: 'review'}),
			store.markSubmitted('d-4', {idempotencyKey: 'd-4', submittedAt: '2026-03-02T09:30:15.000Z'}),
		]);
		const draft = await new DraftStore({dataDir: dir, clock}).get('d-4');
		expect(draft?.materials.map((m) => [m.code, m.originalVerified, m.sha256 ?? null])).toEqual([
			['M01', true, null],
			['M02', false, sha(JPEG)],
		]);
		expect(draft).toMatchObject({step: 'review', submitted: {idempotencyKey: 'd-4'}});
	});

	it('keeps the original-verified mark across a retake and rejects unsafe ids', async () => {
		const store = new DraftStore({dataDir: dir, clock, newId: () => 'd-3'});
		await store.create({itemCode: 'I1', implementationCode: 'IMP1'});
		await store.setOriginalVerified('d-3', 'M01', true);
		const after = await store.saveCapture('d-3', 'M01', JPEG, sha(JPEG));
		expect(after.materials[0]).toMatchObject({code: 'M01', originalVerified: true, pages: 1});
		expect(() => store.draftPath('../x')).toThrow(RangeError);
		expect(() => store.capturePath('d-3', '../../etc')).toThrow(RangeError);
	});

	it.each([
		['cut short', '{"draftId": "d-bad", "itemCode": "I1", "impl'],
		['empty', ''],
		['null', 'null'],
		['wrong types', '{"draftId": "d-bad", "itemCode": 7, "implementationCode": "IMP1", "materials": "none", "createdAt": "x", "updatedAt": "x"}'],
	])('a damaged draft (%s) is set aside with its captures and never hides the others', async (_kind, text) => {
		let n = 0;
		const seen: string[] = [];
		const store = new DraftStore({dataDir: dir, clock, newId: () => `d-${++n}`, onQuarantined: (notice) => seen.push(notice.original)});
		await store.create({itemCode: 'I1', implementationCode: 'IMP1'});
		await store.create({itemCode: 'I2', implementationCode: 'IMP2'});
		await writeFile(join(dir, 'drafts', 'd-bad.json'), text);
		await mkdir(join(dir, 'captures', 'd-bad'), {recursive: true});
		await writeFile(join(dir, 'captures', 'd-bad', `${sha(JPEG)}.jpg`), JPEG);

		expect((await store.listOpen()).map((d) => d.draftId).sort()).toEqual(['d-1', 'd-2']);
		expect(seen).toEqual(['drafts/d-bad.json']);
		const [notice] = await openNotices(dir);
		expect(notice?.original).toBe('drafts/d-bad.json');
		expect(notice?.moved).toHaveLength(2);
		await expect(stat(join(dir, 'drafts', 'd-bad.json'))).rejects.toThrow();
		await expect(stat(join(dir, 'captures', 'd-bad'))).rejects.toThrow();
		expect(await readFile(join(dir, notice!.moved[0]!), 'utf8')).toBe(text);
		// Listed again: nothing more to set aside, the good ones still there.
		expect((await store.listOpen()).map((d) => d.draftId).sort()).toEqual(['d-1', 'd-2']);
		expect(await openNotices(dir)).toHaveLength(1);
	});

	it('get() of a damaged draft sets it aside and says so with exit 5', async () => {
		const store = new DraftStore({dataDir: dir, clock});
		await mkdir(join(dir, 'drafts'), {recursive: true});
		await writeFile(join(dir, 'drafts', 'd-9.json'), '[]');
		const error = await store.get('d-9').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DataFileQuarantinedError);
		expect((error as DataFileQuarantinedError).exitCode).toBe(5);
		expect(errorText((error as DataFileQuarantinedError), 'en')).toContain('drafts/d-9.json');
		expect(await store.get('d-9')).toBeUndefined();
	});

	it('open() removes the temp files a killed writer left (they hold the applicant), not a live one\'s', async () => {
		await mkdir(join(dir, 'drafts'), {recursive: true});
		await mkdir(join(dir, 'captures', 'd-1'), {recursive: true});
		const dead = 2 ** 22 + 12345; // above pid_max's default: no such process
		const stale = [join(dir, 'drafts', `.d-1.json.${dead}.3.tmp`), join(dir, 'captures', 'd-1', `.${sha(JPEG)}.jpg.${dead}.1.tmp`)];
		const live = join(dir, 'drafts', `.d-2.json.${process.ppid}.1.tmp`);
		for (const file of [...stale, live]) await writeFile(file, '{"applicant":{"idNumber":"110105198503120514"}}');
		await DraftStore.open({dataDir: dir, clock});
		for (const file of stale) await expect(stat(file)).rejects.toThrow();
		expect((await stat(live)).isFile()).toBe(true);
	});
});
