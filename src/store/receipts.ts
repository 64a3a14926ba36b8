/**
 * Saved receipts: `<dataDir>/receipts/<caseId>.txt` (the text handed to the citizen, as printed)
 * beside `<caseId>.json` (the receipt data, so it can be shown or printed again in either
 * language). A supplement receipt (补正回执) is `<caseId>.supplement-<key>.txt|.json`, one per
 * supplement (a case may be returned more than once), named by the supplement's idempotency key. Written durably, files 0600: a receipt holds masked personal data only, but it is
 * still about a citizen.
 */
import {readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {IDEMPOTENCY_KEY_PATTERN} from '../core/cases/idempotency.js';
import {CASE_ID_PATTERN} from '../core/cases/model.js';
import type {ReceiptDoc, SupplementReceiptDoc} from '../core/cases/receipt.js';
import type {Lang} from '../core/lang.js';
import {receiptFileText} from '../receipts/text.js';
import {readJsonChecked, removeStaleTemps, writeFileDurable} from './durable-json.js';
import {DataFileQuarantinedError, quarantineFile, type QuarantineNotice} from './quarantine.js';
import {receiptDocSchema, shapeCheck, supplementReceiptDocSchema} from './shapes.js';

const checkReceipt = shapeCheck(receiptDocSchema);
const checkSupplementReceipt = shapeCheck(supplementReceiptDocSchema);

export class ReceiptStore {
	readonly #dataDir: string;
	readonly #dir: string;
	readonly #onQuarantined: ((notice: QuarantineNotice) => void) | undefined;

	constructor(dataDir: string, options: {onQuarantined?: (notice: QuarantineNotice) => void} = {}) {
		this.#dataDir = dataDir;
		this.#dir = join(dataDir, 'receipts');
		this.#onQuarantined = options.onQuarantined;
	}

	/** The store, once temp files a killed writer left are gone. */
	static async open(dataDir: string, options: {onQuarantined?: (notice: QuarantineNotice) => void} = {}): Promise<ReceiptStore> {
		await removeStaleTemps(join(dataDir, 'receipts'));
		return new ReceiptStore(dataDir, options);
	}

	textPath(caseId: string): string {
		if (!CASE_ID_PATTERN.test(caseId)) throw new RangeError(`not a case id: ${caseId}`);
		return join(this.#dir, `${caseId}.txt`);
	}

	#dataPath(caseId: string): string {
		return this.textPath(caseId).replace(/\.txt$/, '.json');
	}

	/** Writes the receipt's data and its text; returns the text file's path. */
	async save(doc: ReceiptDoc, lang: Lang): Promise<string> {
		await writeFileDurable(this.#dataPath(doc.caseId), JSON.stringify(doc, null, '\t'), 0o600);
		const path = this.textPath(doc.caseId);
		await writeFileDurable(path, receiptFileText(doc, lang), 0o600);
		return path;
	}

	/** Saves another document of a case beside its receipt (`<caseId>.<kind>.txt`, e.g. the hand-over slip); returns its path. */
	async saveDocument(caseId: string, kind: 'handover', text: string): Promise<string> {
		const path = this.textPath(caseId).replace(/\.txt$/, `.${kind}.txt`);
		await writeFileDurable(path, text, 0o600);
		return path;
	}

	/** The saved receipt; a damaged one is set aside (with its text) and DataFileQuarantinedError thrown. */
	async get(caseId: string): Promise<ReceiptDoc | undefined> {
		return this.#read<ReceiptDoc>(this.#dataPath(caseId), this.textPath(caseId), checkReceipt);
	}

	/** The text file of the supplement receipt of case `caseId` under the supplement's key. */
	supplementTextPath(caseId: string, supplementKey: string): string {
		if (!IDEMPOTENCY_KEY_PATTERN.test(supplementKey)) throw new RangeError(`not a supplement key: ${supplementKey}`);
		return this.textPath(caseId).replace(/\.txt$/, `.supplement-${supplementKey}.txt`);
	}

	/** Writes a supplement receipt's data and its text; returns the text file's path. */
	async saveSupplement(doc: SupplementReceiptDoc, lang: Lang): Promise<string> {
		const path = this.supplementTextPath(doc.caseId, doc.supplementKey);
		await writeFileDurable(path.replace(/\.txt$/, '.json'), JSON.stringify(doc, null, '\t'), 0o600);
		await writeFileDurable(path, receiptFileText(doc, lang), 0o600);
		return path;
	}

	/** The supplement receipt saved under that key (damaged: set aside, DataFileQuarantinedError). */
	async getSupplement(caseId: string, supplementKey: string): Promise<SupplementReceiptDoc | undefined> {
		const text = this.supplementTextPath(caseId, supplementKey);
		return this.#read<SupplementReceiptDoc>(text.replace(/\.txt$/, '.json'), text, checkSupplementReceipt);
	}

	/** The case's most recent supplement receipt, if this terminal saved any. */
	async latestSupplement(caseId: string): Promise<SupplementReceiptDoc | undefined> {
		const prefix = `${caseId}.supplement-`;
		this.textPath(caseId); // checks the case id
		const names = await readdir(this.#dir).catch(() => [] as string[]);
		let latest: SupplementReceiptDoc | undefined;
		for (const name of names) {
			if (!name.startsWith(prefix) || !name.endsWith('.json')) continue;
			const key = name.slice(prefix.length, -'.json'.length);
			if (!IDEMPOTENCY_KEY_PATTERN.test(key)) continue;
			const doc = await this.getSupplement(caseId, key);
			if (doc && (!latest || doc.supplementedAt > latest.supplementedAt)) latest = doc;
		}
		return latest;
	}

	async #read<D>(path: string, companion: string, check: (value: unknown) => string | undefined): Promise<D | undefined> {
		const found = await readJsonChecked<D>(path, check);
		if (found.kind === 'absent') return undefined;
		if (found.kind === 'ok') return found.value;
		const notice = await quarantineFile(this.#dataDir, path, found.reason, {companions: [companion]});
		this.#onQuarantined?.(notice);
		throw new DataFileQuarantinedError(notice);
	}
}
