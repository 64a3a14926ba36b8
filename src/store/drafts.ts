/**
 * Case drafts at the counter: what has been gathered for one application before it is submitted
 * (item, implementation list, applicant, eligibility summary, captured materials). The draft JSON
 * lives in `<dataDir>/drafts/<draftId>.json` and each captured image, named by its SHA-256, in
 * `<dataDir>/captures/<draftId>/<sha256>.jpg` — files 0600, directories 0700, written durably,
 * so a console restarted mid-application resumes the draft with its captures.
 * The full ID number is kept only here (the audit log and the screen get the masked one).
 */
import {createHash, randomUUID} from 'node:crypto';
import {readdir, readFile, rm} from 'node:fs/promises';
import {join} from 'node:path';
import type {CounterDraft, DraftMaterial, DraftPatch, DraftSubmitted, NewDraft} from '../core/cases/counter-draft.js';
import {IntegrityError} from '../core/errors.js';
import type {Clock} from '../core/ports/clock.js';
import {readJsonChecked, removeStaleTemps, writeFileDurable} from './durable-json.js';
import {SerialQueue} from '../core/serial-queue.js';
import {DataFileQuarantinedError, quarantineFile, type QuarantineNotice} from './quarantine.js';
import {draftSchema, shapeCheck} from './shapes.js';

const DRAFT_ID = /^[A-Za-z0-9-]{1,64}$/;
const SHA256 = /^[0-9a-f]{64}$/;

export class CaptureIntegrityError extends IntegrityError {
	constructor(expected: string, actual: string) {
		super('capture_hash_mismatch', {expected: expected.slice(0, 12), actual: actual.slice(0, 12)}, {expected, actual});
	}
}

export interface DraftStoreOptions {
	dataDir: string;
	clock: Clock;
	newId?: () => string;
	/** Told when a damaged draft is set aside (the console shows the notice). */
	onQuarantined?: (notice: QuarantineNotice) => void;
}

const checkDraft = shapeCheck(draftSchema);

export class DraftStore {
	readonly #dataDir: string;
	readonly #clock: Clock;
	readonly #newId: () => string;
	readonly #onQuarantined: ((notice: QuarantineNotice) => void) | undefined;
	/**
	 * Changes to drafts, one at a time: each reads the draft, changes it and writes it whole, so two
	 * at once (a capture kept while the review brings the step up to date) would lose one.
	 */
	readonly #changes = new SerialQueue();

	constructor(options: DraftStoreOptions) {
		this.#dataDir = options.dataDir;
		this.#clock = options.clock;
		this.#newId = options.newId ?? (() => randomUUID());
		this.#onQuarantined = options.onQuarantined;
	}

	/** The store, once the temp files a killed console left (each a copy of a draft or a capture) are gone. */
	static async open(options: DraftStoreOptions): Promise<DraftStore> {
		const store = new DraftStore(options);
		await removeStaleTemps(join(options.dataDir, 'drafts'));
		const captures = join(options.dataDir, 'captures');
		await removeStaleTemps(captures);
		for (const folder of await readdir(captures).catch(() => [] as string[])) await removeStaleTemps(join(captures, folder));
		return store;
	}

	draftPath(draftId: string): string {
		return join(this.#dataDir, 'drafts', `${checkedId(draftId)}.json`);
	}

	capturePath(draftId: string, sha256: string): string {
		if (!SHA256.test(sha256)) throw new RangeError(`not a SHA-256: ${sha256}`);
		return join(this.#dataDir, 'captures', checkedId(draftId), `${sha256}.jpg`);
	}

	async create(input: NewDraft): Promise<CounterDraft> {
		const now = this.#clock.now().toISOString();
		const draft: CounterDraft = {draftId: this.#newId(), ...input, materials: [], createdAt: now, updatedAt: now};
		await this.#write(draft);
		return draft;
	}

	/**
	 * The draft, or undefined when there is none. A damaged draft file (cut short, not JSON, wrong
	 * shape) is set aside with its captures and DataFileQuarantinedError is thrown (exit 5).
	 */
	async get(draftId: string): Promise<CounterDraft | undefined> {
		const path = this.draftPath(draftId);
		const found = await readJsonChecked<CounterDraft>(path, checkDraft);
		if (found.kind === 'absent') return undefined;
		if (found.kind === 'ok') return found.value;
		const notice = await quarantineFile(this.#dataDir, path, found.reason, {companions: [join(this.#dataDir, 'captures', draftId)], clock: this.#clock});
		this.#onQuarantined?.(notice);
		throw new DataFileQuarantinedError(notice);
	}

	/** Every draft on disk, most recently updated first; damaged ones are set aside, never hide the rest. */
	async list(): Promise<CounterDraft[]> {
		let names: string[];
		try {
			names = await readdir(join(this.#dataDir, 'drafts'));
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
			throw error;
		}
		const drafts: CounterDraft[] = [];
		for (const name of names) {
			if (!name.endsWith('.json') || name.startsWith('.')) continue;
			const id = name.slice(0, -'.json'.length);
			if (!DRAFT_ID.test(id)) continue;
			try {
				const draft = await this.get(id);
				if (draft) drafts.push(draft);
			} catch (error) {
				if (!(error instanceof DataFileQuarantinedError)) throw error;
			}
		}
		return drafts.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
	}

	/** Drafts not yet handed to the outbox, most recently updated first. */
	async listOpen(): Promise<CounterDraft[]> {
		return (await this.list()).filter((d) => !d.submitted);
	}

	/**
	 * The latest open draft of an implementation list for this applicant (with no applicant given:
	 * the latest one without an applicant). Another citizen's draft is never picked up.
	 */
	async findLatest(implementationCode: string, idNumber?: string): Promise<CounterDraft | undefined> {
		return (await this.listOpen()).find((d) => d.implementationCode === implementationCode && (d.applicant?.idNumber ?? undefined) === idNumber);
	}

	/**
	 * Stores the JPEG under its SHA-256 and records it on the material. The hash is recomputed
	 * here: bytes that do not match what the camera service verified are refused, never stored.
	 */
	async saveCapture(draftId: string, materialCode: string, jpeg: Uint8Array, sha256: string): Promise<CounterDraft> {
		const actual = createHash('sha256').update(jpeg).digest('hex');
		if (actual !== sha256) throw new CaptureIntegrityError(sha256, actual);
		await writeFileDurable(this.capturePath(draftId, sha256), jpeg, 0o600);
		return this.#update(draftId, (draft) => {
			const capturedAt = this.#clock.now().toISOString();
			const previous = draft.materials.find((m) => m.code === materialCode);
			const next: DraftMaterial = {code: materialCode, sha256, pages: 1, originalVerified: previous?.originalVerified ?? false, capturedAt};
			return {...draft, materials: [...draft.materials.filter((m) => m.code !== materialCode), next]};
		});
	}

	async setOriginalVerified(draftId: string, materialCode: string, verified: boolean): Promise<CounterDraft> {
		return this.#update(draftId, (draft) => {
			const previous = draft.materials.find((m) => m.code === materialCode) ?? {code: materialCode, pages: 0, originalVerified: false};
			return {...draft, materials: [...draft.materials.filter((m) => m.code !== materialCode), {...previous, originalVerified: verified}]};
		});
	}

	async update(draftId: string, patch: DraftPatch): Promise<CounterDraft> {
		return this.#update(draftId, (draft) => ({...draft, ...patch}));
	}

	/** Records that the draft went to the outbox (and, later, the hub's case id and time). */
	async markSubmitted(draftId: string, submitted: DraftSubmitted): Promise<CounterDraft> {
		return this.#update(draftId, (draft) => ({...draft, submitted: {...draft.submitted, ...submitted}}));
	}

	/**
	 * Deletes an open draft and its captures (the clerk confirmed; the caller audits it). A draft
	 * already handed to the outbox is kept: its data goes with the retention purge.
	 */
	abandon(draftId: string): Promise<CounterDraft> {
		return this.#changes.run(async () => {
			const draft = await this.get(draftId);
			if (!draft) throw new IntegrityError('draft_missing', {draftId}, {draftId});
			if (draft.submitted) throw new IntegrityError('draft_submitted', {draftId}, {draftId});
			await rm(join(this.#dataDir, 'captures', checkedId(draftId)), {recursive: true, force: true});
			await rm(this.draftPath(draftId), {force: true});
			return draft;
		});
	}

	/** The stored image of a capture (integrity-checked). */
	async readCapture(draftId: string, sha256: string): Promise<Buffer> {
		const bytes = await readFile(this.capturePath(draftId, sha256));
		const actual = createHash('sha256').update(bytes).digest('hex');
		if (actual !== sha256) throw new CaptureIntegrityError(sha256, actual);
		return bytes;
	}

	#update(draftId: string, change: (draft: CounterDraft) => CounterDraft): Promise<CounterDraft> {
		return this.#changes.run(async () => {
			const draft = await this.get(draftId);
			if (!draft) throw new IntegrityError('draft_missing', {draftId}, {draftId});
			const next = {...change(draft), updatedAt: this.#clock.now().toISOString()};
			await this.#write(next);
			return next;
		});
	}

	#write(draft: CounterDraft): Promise<void> {
		return writeFileDurable(this.draftPath(draft.draftId), JSON.stringify(draft, null, '\t'), 0o600);
	}
}

function checkedId(draftId: string): string {
	if (!DRAFT_ID.test(draftId)) throw new RangeError(`not a draft id: ${draftId}`);
	return draftId;
}
