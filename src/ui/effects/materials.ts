/**
 * The materials step's side: the checklist's draft (looked up on disk when the step opens, so a
 * restarted console resumes it), capturing the selected material through the camera port with a
 * progress bar (capture.ts), keeping (accept) or dropping (retake,
 * discard) the picture, the "original verified" mark, and the audit entry of each kept capture
 * (its SHA-256, never personal data). Failures become a message on the step; nothing throws into
 * the render loop and nothing that failed a check is stored (the draft store re-hashes the bytes).
 */
import {agentMaterialOf, materialsForCase, type Material} from '../../core/catalog/model.js';
import {problemOf} from '../problem.js';
import type {DraftRecord} from '../services.js';
import {agentActs, applicantNumber} from '../state/case.js';
import type {AppState} from '../state/index.js';
import type {DraftEffects} from './drafts.js';
import type {EffectDeps} from './shared.js';
import {runCapture, waitForVerified} from './capture.js';

export interface MaterialsEffectDeps extends EffectDeps {
	drafts: DraftEffects;
}

/**
 * "Original verified" can be marked for a material the counter must see the original of
 * (originals > 0), or for any material once it has been captured (the clerk compared the copy
 * with the original at the counter). Otherwise there is nothing to verify it against.
 */
export function canMarkOriginal(material: Material, draft: DraftRecord | undefined): boolean {
	return material.originals > 0 || Boolean(draft?.materials.find((m) => m.code === material.code)?.sha256);
}

export function createMaterialsEffects({services, getState, dispatch, flash, audit, drafts}: MaterialsEffectDeps) {
	let generation = 0;
	let lookup = 0;
	/** The camera reads of the capture on screen: given up when the clerk discards it or takes another. */
	let reading: AbortController | undefined;
	const giveUpReading = () => {
		reading?.abort();
		reading = undefined;
	};

	// With an agent acting, the 委托书 is required (docs/people.md#agents-委托代办).
	const materialsOf = (implementationCode: string): Material[] => {
		const implementation = services.catalog.implementation(implementationCode);
		return implementation ? materialsForCase(implementation, agentActs(getState().case)) : [];
	};
	const selectedMaterial = (): Material | undefined => {
		const step = getState().case.materials;
		return step ? materialsOf(step.implementationCode)[step.selected] : undefined;
	};

	/** The draft to store into: the open one (brought up to date) or a new one. */
	function draftFor(state: AppState): Promise<DraftRecord | undefined> {
		const step = state.case.materials;
		return step ? drafts.sync(step.implementationCode, 'materials') : Promise.resolve(undefined);
	}

	async function capture(): Promise<void> {
		const material = selectedMaterial();
		if (!services.camera || !material) return;
		const mine = ++generation;
		giveUpReading();
		const own = new AbortController();
		reading = own;
		await runCapture(services, material.code, (patch) => dispatch({type: 'case/capture', patch}), () => mine === generation, own.signal);
		if (reading === own) reading = undefined;
	}

	/** Keeps the picture on screen; `originalVerified`: the clerk also checked the original (key o). */
	async function accept(options: {originalVerified?: boolean} = {}): Promise<void> {
		const step = getState().case.materials;
		const pending = step?.capture;
		const store = services.drafts;
		if (!step || !pending || pending.status !== 'review' || !pending.image || !store) return;
		// A picture still being verified is kept once its second read agrees (never the first read).
		const shot = await waitForVerified(pending, (patch) => dispatch({type: 'case/capture', patch}), () => getState().case.materials?.capture);
		if (!shot?.image) return;
		const state = getState();
		const image = shot.image;
		const mine = ++generation;
		dispatch({type: 'case/capture', patch: {status: 'saving'}});
		let draft: DraftRecord;
		try {
			const target = await draftFor(state);
			if (!target) return;
			draft = await store.saveCapture(target.draftId, shot.materialCode, image.jpeg, image.sha256);
			if (options.originalVerified) draft = await store.setOriginalVerified(draft.draftId, shot.materialCode, true);
		} catch (error) {
			if (mine === generation) dispatch({type: 'case/capture', patch: {status: 'review'}});
			const problem = problemOf(error);
			return flash({level: 'error', key: 'flash.captureFailed', params: {message: problem[getState().nav.lang]}});
		}
		dispatch({type: 'case/draft', draft});
		if (mine === generation) dispatch({type: 'case/capture', patch: undefined});
		selectNextToCapture(shot.materialCode, draft);
		const sha = image.sha256.slice(0, 12);
		if (shot.differed) flash({level: 'warn', key: 'flash.captureSavedReread', params: {code: shot.materialCode, sha, count: shot.differed}});
		else flash({level: 'info', key: 'flash.captureSaved', params: {code: shot.materialCode, sha}});
		audit({
			action: 'material.capture',
			outcome: 'ok',
			target: {itemCode: draft.itemCode},
			details: {
				materialCode: shot.materialCode,
				sha256: image.sha256,
				implementationCode: draft.implementationCode,
				draftId: draft.draftId,
				bytes: image.jpeg.length,
				warnings: [...image.quality.warnings],
			},
		});
	}

	/**
	 * After a kept capture (or on opening), the cursor goes to the next material still to capture,
	 * required ones first: the common path is enter, enter for each material, no cursor keys.
	 */
	function selectNextToCapture(after: string | undefined, draft: DraftRecord): void {
		const step = getState().case.materials;
		if (!step) return;
		const list = materialsOf(step.implementationCode);
		const captured = (code: string) => Boolean(draft.materials.find((m) => m.code === code)?.sha256);
		const from = after ? list.findIndex((m) => m.code === after) + 1 : 0;
		const order = [...list.slice(from), ...list.slice(0, from)];
		const next = order.find((m) => m.required && !captured(m.code)) ?? order.find((m) => !captured(m.code));
		if (next) dispatch({type: 'case/materials', patch: {selected: list.indexOf(next)}});
	}

	return {
		capture,
		accept,

		open(implementationCode: string): void {
			if (!services.camera) return;
			const implementation = services.catalog.implementation(implementationCode);
			if (implementation && agentActs(getState().case) && !agentMaterialOf(implementation)) {
				return flash({level: 'error', key: 'flash.agentNotAllowed', params: {name: services.catalog.item(implementation.basicCode)?.name ?? implementation.basicCode}});
			}
			dispatch({type: 'openMaterials', implementationCode});
			if (!services.drafts) return dispatch({type: 'case/materials', patch: {loading: false}});
			const mine = ++lookup;
			// The draft of this citizen and item (found on disk after a restart, or created now when
			// the applicant is known), marked as being at the materials step.
			const number = applicantNumber(getState().case);
			const known = getState().case.draft;
			const existing = known && known.implementationCode === implementationCode ? Promise.resolve(known) : services.drafts.findLatest(implementationCode, number);
			void existing
				.then((draft) => {
					// The draft found on disk becomes the open one, so the sync below does not look it up again.
					if (draft && draft !== known) dispatch({type: 'case/draft', draft});
					return draft || number ? drafts.sync(implementationCode, 'materials') : undefined;
				})
				.then(
					(draft) => {
						if (mine !== lookup || getState().case.materials?.implementationCode !== implementationCode) return;
						dispatch({type: 'case/materials', patch: {loading: false}});
						if (draft) selectNextToCapture(undefined, draft);
					},
					(error: unknown) => {
						if (mine !== lookup) return;
						dispatch({type: 'case/materials', patch: {loading: false}});
						flash({level: 'error', key: 'flash.captureFailed', params: {message: problemOf(error)[getState().nav.lang]}});
					},
				);
		},

		/** Drops the picture on screen (or gives up on a capture in progress); nothing is stored. */
		discard(): void {
			generation++;
			giveUpReading();
			dispatch({type: 'case/capture', patch: undefined});
		},

		retake(): void {
			const shot = getState().case.materials?.capture;
			if (!shot || shot.status === 'running' || shot.status === 'saving') return;
			void capture();
		},

		async toggleOriginal(): Promise<void> {
			const state = getState();
			const step = state.case.materials;
			const material = selectedMaterial();
			const store = services.drafts;
			if (!step || !material || !store || step.loading) return;
			if (!canMarkOriginal(material, state.case.draft)) return flash({level: 'warn', key: 'flash.originalNeedsCapture', params: {code: material.code}});
			const verified = !state.case.draft?.materials.find((m) => m.code === material.code)?.originalVerified;
			try {
				const target = await draftFor(state);
				if (!target) return;
				const draft = await store.setOriginalVerified(target.draftId, material.code, verified);
				dispatch({type: 'case/draft', draft});
				flash({level: 'info', key: verified ? 'flash.originalMarked' : 'flash.originalUnmarked', params: {code: material.code}});
			} catch (error) {
				flash({level: 'error', key: 'flash.captureFailed', params: {message: problemOf(error)[getState().nav.lang]}});
			}
		},

		/** Demo: the next emulated page (no name), or the named one. */
		setPage(name?: string): void {
			const camera = services.camera;
			const pages = camera?.pages?.() ?? [];
			if (!camera?.setPage || pages.length === 0) return;
			const current = camera.page?.() ?? '';
			const next = name ?? pages[(pages.indexOf(current) + 1) % pages.length]!;
			if (!pages.includes(next)) return flash({level: 'error', key: 'flash.pageUnknown', params: {page: next, pages: pages.join(', ')}});
			camera.setPage(next);
			flash({level: 'info', key: 'flash.pageSet', params: {page: next}});
		},
	};
}
