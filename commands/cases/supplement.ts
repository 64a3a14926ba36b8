/**
 * `tongban cases supplement <id> --file F [--file F2 …] [--material CODE …] [--json]`: adds the
 * materials a home province asked for to a case it returned (补正, docs/return-trips.md#supplements-补正).
 *
 * Files are checked before anything is sent (readable, not empty, a JPEG or a PDF by their first
 * bytes) and matched to material codes: `--material` in order, else the materials the return
 * asked for, in order. The supplement goes through the durable outbox under a key derived from
 * the case id and the files' hashes, so running the command again (after a kill -9, a timeout, a
 * script's retry) finds the entry already queued or delivered and never sends a second
 * supplement; a case that is not `returned` is refused before anything is queued, unless this
 * very supplement is already queued (it is then finished, not refused: the case moved on because
 * of it). The supplement receipt is printed and saved beside the first receipt (receipts/).
 */
import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import type {Argv, CommandModule} from 'yargs';
import {builtinRegionTable} from '../../src/catalog/regions.js';
import {auditOutbox} from '../../src/core/cases/audit.js';
import {supplementIdempotencyKey} from '../../src/core/cases/idempotency.js';
import {supplementContext} from '../../src/core/cases/supplement-context.js';
import {CASE_ID_PATTERN, type CaseRecord} from '../../src/core/cases/model.js';
import type {MaterialInput, Outbox} from '../../src/core/cases/outbox.js';
import type {OutboxEntry} from '../../src/core/cases/outbox-machine.js';
import {buildSupplementReceipt, type SupplementReceiptDoc} from '../../src/core/cases/receipt.js';
import {EXIT, InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {systemClock} from '../../src/core/ports/clock.js';
import type {CatalogService} from '../../src/core/ports/catalog.js';
import {reason, systemReason} from '../../src/core/reasons.js';
import type {NestedMessage} from '../../src/core/template.js';
import {CASE_STATUS_LABELS} from '../../src/i18n/case-status.js';
import {errorText, messageText} from '../../src/i18n/errors.js';
import {hubText} from '../../src/i18n/hub.js';
import {receiptFileText} from '../../src/receipts/text.js';
import {osActor} from '../../src/store/audit-store.js';
import {openCasesIndex} from '../../src/store/cases-index.js';
import {openOutbox} from '../../src/store/outbox.js';
import {ReceiptStore} from '../../src/store/receipts.js';
import {openCatalog} from '../../src/wiring/catalog.js';
import {runHandler, type CommandContext} from '../context.js';
import {openSendingSession} from './audit-session.js';
import {retriesOf, withHubOptions, type HubArgs} from './hub-args.js';

interface SupplementArgs extends HubArgs {
	id: string;
	file?: string[];
	material?: string[];
}

interface CheckedFile {
	path: string;
	bytes: Uint8Array;
	contentType: 'image/jpeg' | 'application/pdf';
	sha256: string;
}

const MATERIAL_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** What the first bytes say the file is: the only two kinds a counter hands in. */
function kindOf(bytes: Uint8Array): CheckedFile['contentType'] | undefined {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	if (bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return 'application/pdf';
	return undefined;
}

async function checkFile(path: string): Promise<CheckedFile> {
	const fail = (why: NestedMessage): never => {
		throw new InputError('supplement_file_invalid', {file: path, reason: why}, {file: path});
	};
	let bytes: Uint8Array;
	try {
		bytes = await readFile(path);
	} catch (error) {
		return fail(systemReason(error));
	}
	if (bytes.length === 0) fail(reason('reason_damaged_empty'));
	const contentType = kindOf(bytes) ?? fail(reason('reason_not_jpeg_pdf'));
	return {path, bytes, contentType, sha256: createHash('sha256').update(bytes).digest('hex')};
}

/** One supplement per case and set of files, whatever run sends it (core/cases/idempotency.ts). */
const supplementKey = (caseId: string, files: readonly CheckedFile[]) => supplementIdempotencyKey(caseId, files.map((f) => f.sha256));

/** The material code of each file: `--material` in order, else what the return asked for. */
function codesFor(record: CaseRecord, files: readonly CheckedFile[], asked: readonly string[] | undefined): string[] {
	const codes = asked && asked.length > 0 ? [...asked] : (record.returnRequest?.materials ?? []).map((m) => m.code);
	if (codes.length !== files.length) throw new InputError('supplement_count_mismatch', {files: files.length, count: codes.length, codes: codes.join(', ') || '—'});
	return codes;
}

async function catalogOrNone(ctx: CommandContext): Promise<CatalogService | undefined> {
	// Names on the receipt only: a catalog that cannot be read leaves the codes.
	return openCatalog({dataDir: ctx.dataDir, catalogDir: ctx.settings.catalogDir}).catch(() => undefined);
}

/** The saved receipt of this supplement, or a new one built, saved and returned. */
async function receiptOf(ctx: CommandContext, entry: OutboxEntry, record: CaseRecord): Promise<{doc: SupplementReceiptDoc; file: string}> {
	const receipts = await ReceiptStore.open(ctx.dataDir);
	const caseId = entry.supplementFor!;
	const saved = await receipts.getSupplement(caseId, entry.idempotencyKey);
	if (saved) return {doc: saved, file: receipts.supplementTextPath(caseId, entry.idempotencyKey)};
	const catalog = await catalogOrNone(ctx);
	const regions = builtinRegionTable();
	const doc = buildSupplementReceipt(entry, record.returnRequest, {
		item: catalog?.item(entry.submission.itemCode),
		implementation: catalog?.implementation(entry.submission.implementationCode),
		provinceName: (node) => regions.provinceName(node.padEnd(6, '0')) ?? node,
		operatorId: entry.submission.operatorId,
		branchName: ctx.settings.branchName,
		terminalId: ctx.settings.terminalId,
	});
	return {doc, file: await receipts.saveSupplement(doc, ctx.lang)};
}

/** Queues the supplement, or finds the one already queued under its key; refuses before queueing. */
async function queueSupplement(ctx: CommandContext, outbox: Outbox, record: CaseRecord, files: readonly CheckedFile[], args: SupplementArgs): Promise<OutboxEntry> {
	const key = supplementKey(record.caseId, files);
	const entries = await outbox.all();
	const known = entries.find((e) => e.idempotencyKey === key);
	const asked = args.material?.map(String);
	if (known) {
		const queued = known.submission.materials.map((m) => m.code);
		if (asked && asked.length > 0 && asked.join(',') !== queued.join(',')) throw new InputError('supplement_key_reused', {id: known.id, queued: queued.join(', '), asked: asked.join(', ')});
		return known;
	}
	if (record.status !== 'returned') {
		throw new InputError('supplement_not_returned', {caseId: record.caseId, status: {'zh-CN': CASE_STATUS_LABELS['zh-CN'][`status.${record.status}`], en: CASE_STATUS_LABELS.en[`status.${record.status}`]}}, {status: record.status});
	}
	const codes = codesFor(record, files, asked);
	const materials: MaterialInput[] = files.map((f, i) => ({code: codes[i]!, bytes: f.bytes, contentType: f.contentType, pages: 1, originalVerified: false}));
	return outbox.enqueueSupplement(record.caseId, supplementContext(record, entries, {operatorId: osActor('clerk').id, terminalId: ctx.settings.terminalId, branchCode: ctx.settings.branchCode, now: systemClock.now()}), materials, {idempotencyKey: key});
}

export function casesSupplementCommand(lang: Lang): CommandModule<HubArgs, SupplementArgs> {
	return {
		command: 'supplement <id>',
		describe: hubText(lang, 'cmd.cases.supplement'),
		builder: (y: Argv<HubArgs>) =>
			withHubOptions(y, lang)
				.positional('id', {type: 'string', demandOption: true, describe: hubText(lang, 'opt.caseId')})
				.option('file', {type: 'string', array: true, describe: hubText(lang, 'opt.supplementFile')})
				.option('material', {type: 'string', array: true, describe: hubText(lang, 'opt.material')}) as unknown as Argv<SupplementArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const caseId = String(args.id);
				if (!CASE_ID_PATTERN.test(caseId)) throw new InputError('bad_case_id', {caseId});
				const paths = (args.file ?? []).map(String);
				if (paths.length === 0) throw new InputError('supplement_no_files');
				for (const code of args.material ?? []) if (!MATERIAL_CODE.test(String(code))) throw new InputError('supplement_bad_material', {code: String(code)});
				const files: CheckedFile[] = [];
				for (const path of paths) files.push(await checkFile(path));

				// A supplement that cannot be audited is not queued at all (see audit-session.ts).
				const {hub, audit} = await openSendingSession(ctx, args);
				const closeAll = () => Promise.all([hub.close(), audit.close()]);
				const outbox = await openOutbox({dataDir: ctx.dataDir, hub, clock: systemClock}).catch(async (error: unknown) => {
					await closeAll();
					throw error;
				});
				// Like `cases submit`: a damaged index is met (exit 5) before anything is sent.
				const index = await openCasesIndex(ctx.dataDir).catch(async (error: unknown) => {
					await closeAll();
					throw error;
				});
				const outboxAudit = auditOutbox(outbox, audit);
				try {
					const record = await hub.getCase(caseId);
					const entry = await queueSupplement(ctx, outbox, record, files, args).catch(async (error: unknown) => {
						if (error instanceof InputError && error.code === 'supplement_not_returned') {
							await audit.record({action: 'case.supplement', outcome: 'denied', target: {caseId, itemCode: record.itemCode}, details: {idempotencyKey: supplementKey(caseId, files), caseId, stage: 'not_returned', status: record.status}});
						}
						throw error;
					});
					// The outbox retries (and resolves a lost answer) within this run, --retries times.
					// The "queued" entry is on the audit trail before anything is sent, so the audit head
					// the hub receives with the POST (its anchor) already covers this run.
					await outboxAudit.flush();
					if (entry.phase !== 'done') await outbox.drain({retries: retriesOf(args)});
					const after = (await outbox.all()).find((e) => e.id === entry.id)!;
					if (after.phase === 'done' && after.receipt) {
						await index.recordSubmitted(after, systemClock.now()).catch((error: unknown) => {
							ctx.err(hubText(ctx.lang, 'submit.indexFailed', {caseId, reason: errorText(error, ctx.lang)}));
						});
						// The case as it is now, for the index (derived data: a failure changes nothing).
						const now = await hub.getCase(caseId).catch(() => undefined);
						if (now) await index.recordFromHub(now, systemClock.now()).catch(() => undefined);
						const {doc, file} = await receiptOf(ctx, after, record);
						if (ctx.json) {
							ctx.out(
								JSON.stringify({
									caseId,
									supplementKey: after.idempotencyKey,
									outboxId: after.id,
									status: (now ?? record).status,
									materials: after.submission.materials.map((m) => ({code: m.code, sha256: m.sha256})),
									supplementedAt: doc.supplementedAt,
									receipt: doc,
									file,
								}),
							);
						} else {
							ctx.out(receiptFileText(doc, ctx.lang).trimEnd());
							ctx.out(hubText(ctx.lang, 'supplement.saved', {file}));
						}
						return EXIT.ok;
					}
					const why = after.lastError ? messageText(after.lastError, ctx.lang) : '';
					if (ctx.json) ctx.out(JSON.stringify({caseId, supplementKey: after.idempotencyKey, outboxId: after.id, phase: after.phase, error: after.lastError ?? null}));
					if (after.phase === 'failed') {
						ctx.err(hubText(ctx.lang, 'supplement.failed', {caseId, reason: why}));
						return EXIT.usage;
					}
					ctx.err(hubText(ctx.lang, 'supplement.queued', {id: after.id, reason: why}));
					return EXIT.hub;
				} finally {
					outboxAudit.stop();
					try {
						await outboxAudit.flush();
					} finally {
						await closeAll();
					}
				}
			}),
	};
}
