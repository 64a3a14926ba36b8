/**
 * Submitting from the review waits for the draft to be brought up to date first: the review's
 * own update (its step) is still being written when the clerk presses enter, and the submission
 * must see the draft as the review shows it, not the one before.
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {DraftStore} from '../store/drafts.js';
import {fakeCamera, testImage} from '../test-utils/camera.js';
import {createFakeServices, fixedClock} from '../test-utils/fixtures.js';
import {KEYS, openItem, renderConsole} from '../test-utils/renderTui.js';
import {createTranslator} from './i18n/index.js';
import type {DraftsPort, SubmissionPort} from './services.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const zh = createTranslator('zh-CN');
const tempDir = tempDirs('review-');
let dir: string;
beforeEach(() => {
	dir = tempDir();
});
afterEach(() => {
	cleanup();
});

describe('the review step', () => {
	it('submits only once the review has brought the draft up to date', async () => {
		const clock = fixedClock();
		const store = new DraftStore({dataDir: dir, clock, newId: () => 'draft-1'});
		let release = () => {};
		const held = new Promise<void>((resolve) => {
			release = resolve;
		});
		// The review's update (step: review) is held until the test lets it through.
		const drafts: DraftsPort = {
			create: (input) => store.create(input),
			findLatest: (code, idNumber) => store.findLatest(code, idNumber),
			get: (id) => store.get(id),
			listOpen: () => store.listOpen(),
			saveCapture: (id, code, jpeg, sha256) => store.saveCapture(id, code, jpeg, sha256),
			setOriginalVerified: (id, code, verified) => store.setOriginalVerified(id, code, verified),
			abandon: (id) => store.abandon(id),
			update: async (id, patch) => {
				if (patch.step === 'review') await held;
				return store.update(id, patch);
			},
		};
		const submittedSteps: Array<string | undefined> = [];
		const submission: SubmissionPort = {
			submit: async (draftId) => {
				submittedSteps.push((await store.get(draftId))?.step);
				return {status: 'queued'};
			},
			subscribe: () => () => undefined,
			receipt: async () => undefined,
		};
		const camera = fakeCamera();
		const tui = await renderConsole({services: createFakeServices({clock, camera, drafts, submission}), columns: 80, rows: 24});
		await openItem(tui);
		await tui.press('m');
		await tui.waitForNoText(zh('mat.loading'));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('cap.starting'));
		const image = testImage();
		camera.last().resolve(image);
		await tui.waitForText(zh('cap.ok'));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('mat.state.captured', {sha: image.sha256.slice(0, 12)}));

		await tui.press('s');
		await tui.waitForText(zh('rev.title', {name: ''}).slice(0, 2));
		await tui.press(KEYS.enter);
		release();
		await vi.waitFor(() => expect(submittedSteps).toHaveLength(1));
		expect(submittedSteps).toEqual(['review']);
	});
});
