/**
 * Saved receipts: `<dataDir>/receipts/<caseId>.txt` (the text handed to the citizen, as printed)
 * beside `<caseId>.json` (the receipt data, so it can be shown or printed again in either
 * language). Written durably, files 0600: a receipt holds masked personal data only, but it is
 * still about a citizen.
 */
import {join} from 'node:path';
import {CASE_ID_PATTERN} from '../core/cases/model.js';
import type {ReceiptDoc} from '../core/cases/receipt.js';
import type {Lang} from '../core/lang.js';
import {receiptFileText} from '../receipts/text.js';
import {readJsonChecked, removeStaleTemps, writeFileDurable} from './durable-json.js';
import {DataFileQuarantinedError, quarantineFile, type QuarantineNotice} from './quarantine.js';
import {receiptDocSchema, shapeCheck} from './shapes.js';

const checkReceipt = shapeCheck(receiptDocSchema);

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
		const path = this.#dataPath(caseId);
		const found = await readJsonChecked<ReceiptDoc>(path, checkReceipt);
		if (found.kind === 'absent') return undefined;
		if (found.kind === 'ok') return found.value;
		const notice = await quarantineFile(this.#dataDir, path, found.reason, {companions: [this.textPath(caseId)]});
		this.#onQuarantined?.(notice);
		throw new DataFileQuarantinedError(notice);
	}
}
