/**
 * When the hub accepted cases, from the terminal's own case index (`<dataDir>/cases.json`, kept
 * current by the outbox and the status polls): the port `tongban audit purge` asks.
 *
 * Retention files are named after the draft (`drafts/<draftId>.json`, `captures/<draftId>/…`),
 * and a draft is submitted with its id as the idempotency key, so an id is matched to a case by
 * `idempotencyKey`, or else by `caseId` (files named after the case). When the index holds the
 * case without its key (seen by a status query before the outbox recorded it), the draft's own
 * `submitted.caseId` links the two. When the clock starts is core/audit/retention.ts's rule
 * (`retentionStartsAt`); ids with no case, or whose case is not accepted, are left out of the
 * answer, so their files are kept.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {retentionStartsAt} from '../core/audit/retention.js';
import type {DraftSubmitted} from '../core/cases/counter-draft.js';
import {openCasesIndex, type IndexedCase} from './cases-index.js';
import {personalDataRoot, type CaseAcceptancePort} from './retention.js';

export function casesIndexAcceptance(dataDir: string): CaseAcceptancePort {
	return {
		async acceptedAt(ids) {
			// Read at each call: the console (another process) updates the index as cases move.
			const cases = (await openCasesIndex(dataDir)).list();
			const byKey = new Map<string, IndexedCase>();
			const byCaseId = new Map<string, IndexedCase>();
			for (const c of cases) {
				if (c.idempotencyKey) byKey.set(c.idempotencyKey, c);
				byCaseId.set(c.caseId, c);
			}
			const out = new Map<string, Date>();
			for (const id of ids) {
				const indexed = byKey.get(id) ?? byCaseId.get(id) ?? byCaseId.get((await submittedCaseId(dataDir, id)) ?? '');
				const at = indexed ? retentionStartsAt(indexed) : undefined;
				if (at) out.set(id, at);
			}
			return out;
		},
	};
}

/**
 * The case id a submitted draft records (`submitted.caseId`, set once the hub answered), if `id`
 * names a readable draft. Only that field is taken: the draft also holds the applicant's data.
 */
async function submittedCaseId(dataDir: string, id: string): Promise<string | undefined> {
	let text: string;
	try {
		text = await readFile(join(personalDataRoot(dataDir, 'draft'), `${id}.json`), 'utf8');
	} catch {
		return undefined; // no such draft (a capture folder alone, or already purged)
	}
	try {
		const caseId: unknown = (JSON.parse(text) as {submitted?: Partial<DraftSubmitted>} | null)?.submitted?.caseId;
		return typeof caseId === 'string' && caseId !== '' ? caseId : undefined;
	} catch {
		return undefined; // unreadable draft: no link, so its files are kept
	}
}
