/**
 * The materials step: opened from the item detail with `m` (or `:materials`, or `m` after an
 * eligibility result), the checklist shows each material with required/optional, originals and
 * copies and its capture state; enter captures the selected one through the (scripted) camera
 * with a progress bar, then a plain preview with the quality warnings, accept or retake; camera
 * errors show their message and can be retried; kept captures go to the draft on disk by SHA-256
 * (a restarted console resumes them) and are audited with the hash only. 80 and 120 columns.
 */
import {readFile, readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {DraftStore} from '../store/drafts.js';
import {cameraFailure, fakeCamera, testImage} from '../test-utils/camera.js';
import {createFakeServices, fakeAudit, fixedClock} from '../test-utils/fixtures.js';
import {fitsIn, KEYS, openItem, renderConsole} from '../test-utils/renderTui.js';
import {createTranslator} from './i18n/index.js';
import {canMarkOriginal} from './effects/materials.js';
import {previewDepthFor, progressBar} from './views/materialsModel.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

afterEach(() => cleanup());
const zh = createTranslator('zh-CN');
const tempDir = tempDirs('materials-');
let dir: string;
beforeEach(() => {
	dir = tempDir();
});

function setup(pages?: string[]) {
	const clock = fixedClock();
	const camera = fakeCamera(pages ? {pages} : {});
	const audit = fakeAudit();
	let n = 0;
	const drafts = new DraftStore({dataDir: dir, clock, newId: () => `draft-${++n}`});
	const services = createFakeServices({clock, camera, drafts, audit});
	return {services, camera, audit, drafts, clock};
}


describe.each([80, 120])('materials step at %i columns', (columns) => {
	const rows = 24;
	const fits = fitsIn(columns, rows);

	it('lists the materials, captures with progress and a preview, warns about a dark page, stores and audits by SHA-256', async () => {
		const {services, camera, audit, clock} = setup();
		const tui = await renderConsole({services, columns, rows});
		await openItem(tui);
		await tui.press('?');
		await tui.waitForText(zh('key.materials'));
		await tui.press(KEYS.escape);
		await tui.press('m');
		await tui.waitForText(zh('mat.title', {name: '企业职工基本养老保险关系转移接续'}).slice(0, 10));
		await tui.waitForNoText(zh('mat.loading'));
		expect(tui.frame()).toContain('M01 [必需] 居民身份证');
		expect(tui.frame()).toContain('M03 [可选]');
		expect(tui.frame()).toContain(zh('mat.counts', {originals: 1, copies: 1}));
		expect(tui.frame()).toContain(zh('mat.state.none'));
		expect(tui.frame()).toContain(zh('mat.summary', {captured: 0, total: 3, required: 2, requiredCaptured: 0}));
		fits(tui);

		await tui.press(KEYS.enter);
		await tui.waitForText(zh('cap.starting'));
		camera.last().progress(1024, 13000);
		await tui.waitForText('1024/13000');
		// The same instant: a redraw 0 ms after the last one is skipped (at most 10 a second) ...
		camera.last().progress(2048, 13000);
		await tui.press('j');
		expect(tui.frame()).toContain('1024/13000');
		expect(tui.frame()).not.toContain('2048/13000');
		// ... 100 ms later it is drawn.
		clock.current = new Date(clock.current.getTime() + 100);
		camera.last().progress(4096, 13000);
		await tui.waitForText('4096/13000');
		expect(tui.frame()).toMatch(/\[#+-+\]/);
		fits(tui);

		const image = testImage({warnings: ['dark']});
		camera.last().resolve(image);
		await tui.waitForText(zh('cap.warn.dark'));
		// The plain preview: ASCII shades only, the dark text bars as '*'.
		expect(tui.frame()).toMatch(/\*{30,}/);
		expect(tui.frame()).not.toContain('\u2580');
		expect(tui.frame()).toContain(image.sha256.slice(0, 16));
		if (columns >= 120) expect(tui.frame()).toContain(`r ${zh('key.retake')}`);
		fits(tui);

		// Retake: the first picture is dropped, a new capture starts.
		await tui.press('r');
		await tui.waitForText(zh('cap.starting'));
		expect(camera.captures).toBe(2);
		const good = testImage({seed: 7});
		camera.last().resolve(good);
		await tui.waitForText(zh('cap.ok'));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('mat.state.captured', {sha: good.sha256.slice(0, 12)}));
		fits(tui);

		const stored = await readFile(join(dir, 'captures', 'draft-1', `${good.sha256}.jpg`));
		expect(stored).toEqual(good.jpeg);
		expect(await readdir(join(dir, 'captures', 'draft-1'))).toEqual([`${good.sha256}.jpg`]);
		const json = JSON.parse(await readFile(join(dir, 'drafts', 'draft-1.json'), 'utf8'));
		expect(json).toMatchObject({implementationCode: expect.any(String), itemCode: '990100000001', materials: [{code: 'M01', sha256: good.sha256, pages: 1, originalVerified: false}]});
		await expect.poll(() => audit.entries.filter((e) => e.action === 'material.capture')).toHaveLength(1);
		const entry = audit.entries.find((e) => e.action === 'material.capture')!;
		expect(entry.details).toMatchObject({materialCode: 'M01', sha256: good.sha256});
		expect(JSON.stringify(entry)).not.toMatch(/\d{17}[\dX]/);

		// A kept capture moves the cursor on to the next required material still to capture (M02)...
		await tui.waitForText('> M02');
		expect(tui.frame()).not.toContain('> M01');
		// ... and the original is toggled on the selected material and kept in the draft.
		await tui.press('k');
		await tui.waitForText('> M01');
		await tui.press('o');
		await tui.waitForText(zh('mat.state.verified'));
		expect(JSON.parse(await readFile(join(dir, 'drafts', 'draft-1.json'), 'utf8')).materials[0].originalVerified).toBe(true);

		// 'o' on a picture keeps it and marks its original verified in one key, then moves on (M03).
		await tui.press('j');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('cap.starting'));
		const second = testImage({seed: 9});
		camera.last().resolve(second);
		await tui.waitForText(zh('cap.ok'));
		await tui.press('o');
		await tui.waitForText(zh('mat.state.captured', {sha: second.sha256.slice(0, 12)}));
		await tui.waitForText('> M03');
		const after = JSON.parse(await readFile(join(dir, 'drafts', 'draft-1.json'), 'utf8'));
		expect(after.materials.find((m: {code: string}) => m.code === 'M02')).toMatchObject({sha256: second.sha256, originalVerified: true});
	});

	it('shows a camera error with its message, stores nothing, and retries', async () => {
		const {services, camera} = setup();
		const tui = await renderConsole({services, columns, rows});
		await openItem(tui);
		await tui.press(':');
		await tui.press('materials');
		await tui.press(KEYS.enter);
		await tui.waitForText('M02');
		await tui.waitForNoText(zh('mat.loading'));
		await tui.press('j');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('cap.starting'));
		camera.last().reject(cameraFailure.timeout());
		await tui.waitForText('高拍仪在 3000 毫秒内没有应答');
		expect(tui.frame()).toContain(zh('cap.errorHint').slice(0, 6));
		fits(tui);
		// enter does not keep anything after an error.
		await tui.press(KEYS.enter);
		await expect(readdir(join(dir, 'captures'))).rejects.toThrow();
		await tui.press('r');
		await tui.waitForText(zh('cap.starting'));
		camera.last().reject(cameraFailure.corrupted());
		await tui.waitForText('拍摄的图像已损坏');
		await tui.press(KEYS.escape);
		await tui.waitForText(zh('mat.state.none'));
		await expect(readdir(join(dir, 'captures'))).rejects.toThrow();
		expect(camera.captures).toBe(2);
	});

	it('resumes a stored draft after a restart, and picks the demo page from the checklist or the palette', async () => {
		const first = setup(['application', 'blurred', 'dark']);
		const tui = await renderConsole({services: first.services, columns, rows});
		await openItem(tui);
		await tui.press('m');
		await tui.waitForNoText(zh('mat.loading'));
		await tui.waitForText(zh('mat.page', {page: 'application'}));
		await tui.press('p');
		await tui.waitForText(zh('mat.page', {page: 'blurred'}));
		await tui.press(':');
		await tui.press('page dark');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('mat.page', {page: 'dark'}));
		await tui.press(KEYS.enter);
		const image = testImage({seed: 3, warnings: ['blurred']});
		first.camera.last().resolve(image);
		await tui.waitForText(zh('cap.warn.blurred'));
		await tui.press('y');
		await tui.waitForText(zh('mat.state.captured', {sha: image.sha256.slice(0, 12)}));
		tui.unmount();
		cleanup();

		const again = setup();
		const restarted = await renderConsole({services: again.services, columns, rows});
		await openItem(restarted);
		await restarted.press('m');
		await restarted.waitForText(zh('mat.state.captured', {sha: image.sha256.slice(0, 12)}));
		expect(restarted.frame()).toContain(zh('mat.draft', {id: 'draft-1'}));
		fits(restarted);
	});
});

describe('materials helpers', () => {
	it('marks originals only for materials with originals, or once captured', () => {
		const m = {code: 'M9', name: 'x', source: '', required: true, originals: 0, copies: 1, format: ''};
		expect(canMarkOriginal(m, undefined)).toBe(false);
		expect(canMarkOriginal({...m, originals: 1}, undefined)).toBe(true);
		const draft = {draftId: 'd', itemCode: '', implementationCode: '', materials: [{code: 'M9', sha256: 'a'.repeat(64), pages: 1, originalVerified: false}], createdAt: '', updatedAt: ''};
		expect(canMarkOriginal(m, draft)).toBe(true);
	});

	it('chooses the preview depth from the settings and the terminal', () => {
		expect(previewDepthFor({isTTY: true, colorDepth: 24})).toBe('truecolor');
		expect(previewDepthFor({isTTY: true, colorDepth: 8})).toBe('ansi256');
		expect(previewDepthFor({isTTY: true, colorDepth: 4})).toBe('plain');
		expect(previewDepthFor({isTTY: true, colorDepth: 24, asciiOnly: true})).toBe('plain');
		expect(previewDepthFor({isTTY: false, colorDepth: 24})).toBe('plain');
	});

	it('draws an ASCII progress bar', () => {
		expect(progressBar(5, 10, 30, '5/10')).toBe('[############-----------] 5/10');
		expect(progressBar(0, 0, 30, 'x')).toMatch(/^\[-+\] x$/);
	});
});
