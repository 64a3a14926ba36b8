/**
 * The fingerprint key: made once (0600), the same for every process that opens the folder, even
 * several at once; a damaged one is set aside (quarantine) and never silently replaced, and the
 * case index then makes its fingerprints again from the outbox under the new key.
 */
import {execFile} from 'node:child_process';
import {readFileSync, statSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {beforeEach, describe, expect, it} from 'vitest';
import {newEntry} from '../core/cases/outbox-machine.js';
import {demoDraft} from '../../mocks/hub/demo-cases.js';
import {openApplicantKey} from './applicant-key.js';
import {openCasesIndex} from './cases-index.js';
import {openOutboxStore} from './outbox.js';
import {DataFileQuarantinedError, openNotices} from './quarantine.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
const tempDir = tempDirs('tongban-key-');
let dir: string;
beforeEach(() => {
	dir = tempDir();
});

const citizen = {cardType: 'resident', idNumber: '44030519900101123X'};

describe('the applicant fingerprint key', () => {
	it('is made once, 0600, and read back the same', async () => {
		const key = await openApplicantKey(join(dir, 'fresh'));
		expect(key.secret).toHaveLength(32);
		expect(statSync(join(dir, 'fresh', 'applicant-key.json')).mode & 0o777).toBe(0o600);
		expect(await openApplicantKey(join(dir, 'fresh'))).toEqual(key);
	});

	it('is one key for four processes that make it at the same moment', async () => {
		const script = `
			const {openApplicantKey} = await import(${JSON.stringify(join(root, 'dist/src/store/applicant-key.js'))});
			process.stdout.write((await openApplicantKey(process.argv[1])).id);`;
		const ids = await Promise.all([1, 2, 3, 4].map(async () => (await run(process.execPath, ['--input-type=module', '-e', script, dir])).stdout));
		expect(new Set(ids).size).toBe(1);
		expect((await openApplicantKey(dir)).id).toBe(ids[0]);
	});

	it.each([
		['{"version":1,"id":"x","secret":"c2hvcnQ="}', 'shape'],
		['{"version":1,"sec', 'syntax'],
		['', 'empty'],
	])('damaged (%s) is set aside, not replaced in silence; the index refingerprints from the outbox', async (text, kind) => {
		const store = await openOutboxStore(dir);
		const entry = newEntry('key-1', {...demoDraft(), materials: []}, [], new Date('2026-12-01T02:00:00Z'));
		await store.put({...entry, phase: 'done', receipt: {caseId: 'TB44-0000001', status: 'received', receivingNode: '44', handlingNode: '44', receivedAt: '2026-12-01T02:00:00.000Z'}});
		const before = await openCasesIndex(dir);
		await before.recordSubmitted((await store.list())[0]!, new Date('2026-12-01T02:00:00Z'));
		const oldFingerprint = before.fingerprint(citizen);
		await before.close();

		writeFileSync(join(dir, 'applicant-key.json'), text);
		const error = await openCasesIndex(dir).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DataFileQuarantinedError);
		expect((error as DataFileQuarantinedError).notice.reason.kind).toBe(kind);
		const [notice] = await openNotices(dir);
		expect(notice?.original).toBe('applicant-key.json');
		expect(readFileSync(join(dir, notice!.moved[0]!), 'utf8')).toBe(text);

		// Opened again: a new key, and the row's fingerprint made again from the outbox under it.
		const after = await openCasesIndex(dir);
		expect(after.fingerprint(citizen)).not.toBe(oldFingerprint);
		expect(after.get('TB44-0000001')?.applicantFingerprint).toBe(after.fingerprint(citizen));
		expect(after.openCasesFor(citizen, '990120000001').map((c) => c.caseId)).toEqual(['TB44-0000001']);
	});
});
