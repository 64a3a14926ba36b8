/**
 * Saved receipts: `<dataDir>/receipts/<caseId>.txt` (the text handed to the citizen, as printed)
 * beside `<caseId>.json` (the receipt data, so it can be shown or printed again in either
 * language). Written durably, files 0600: a receipt holds masked personal data only, but it is
 * still about a citizen.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {CASE_ID_PATTERN} from '../core/cases/model.js';
import type {ReceiptDoc} from '../core/cases/receipt.js';
import type {Lang} from '../i18n/cli.js';
import {receiptFileText} from '../receipts/text.js';
import {writeFileDurable} from './durable-json.js';

export class ReceiptStore {
	readonly #dir: string;

	constructor(dataDir: string) {
		this.#dir = join(dataDir, 'receipts');
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

	async get(caseId: string): Promise<ReceiptDoc | undefined> {
		try {
			return JSON.parse(await readFile(this.#dataPath(caseId), 'utf8')) as ReceiptDoc;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
			throw error;
		}
	}
}
