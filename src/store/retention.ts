/**
 * Executes a retention purge over every copy of a citizen's data the terminal keeps:
 *  - drafts and captures (`drafts/`, `captures/`): files of cases the hub accepted at least N days
 *    ago are deleted (the plan is core/audit/retention.ts's), emptied case folders removed;
 *  - the outbox (`outbox.json`, `outbox-blobs/`): delivered entries of those cases, and entries the
 *    hub refused that nobody touched for N days, keep their key, case id and state but lose the
 *    applicant's name and number and the answers; material bytes nothing else needs are deleted;
 *  - `quarantine/`: damaged files set aside more than N days ago (a quarantined draft is a copy too);
 *  - temp files killed writers left behind;
 *  - whatever else the caller adds (`copies`: the demo hub's saved state, src/wiring/demo-retention.ts).
 * One audit entry records counts only. The audit log itself is never purged (it holds masked
 * numbers and digests, no names or images). The caller opens the audit store BEFORE calling, so
 * a purge never runs when it could not be audited (that lock is also the outbox's writer lock).
 */
import {readdir, rm, rmdir} from 'node:fs/promises';
import {join, sep} from 'node:path';
import type {AuditRecorder} from '../core/ports/audit.js';
import {caseIdOf, planPurge, type PersonalDataFile, type PersonalDataKind, type PurgePlan} from '../core/audit/retention.js';
import {systemClock, type Clock} from '../core/ports/clock.js';
import {removeStaleTemps} from './durable-json.js';
import {openOutboxStore, purgeOutboxEntries} from './outbox.js';
import {purgeQuarantine} from './quarantine.js';

/** Another copy of personal data to purge (e.g. the demo hub's state): returns counts by name. */
export type PersonalDataCopy = (cutoff: Date, dryRun: boolean) => Promise<Record<string, number>>;

/**
 * When the hub accepted cases, by the ids retention files are named after (the first path
 * segment: a draft id, or a case id). Ids left out of the answer are kept. The terminal's case
 * index implements it (case-acceptance.ts).
 */
export interface CaseAcceptancePort {
	acceptedAt(caseIds: readonly string[]): Promise<ReadonlyMap<string, Date>>;
}

const ROOTS: Record<PersonalDataKind, string> = {draft: 'drafts', capture: 'captures'};

export function personalDataRoot(dataDir: string, kind: PersonalDataKind): string {
	return join(dataDir, ROOTS[kind]);
}

async function walk(root: string, rel = ''): Promise<string[]> {
	let names;
	try {
		names = await readdir(join(root, rel), {withFileTypes: true});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
	const out: string[] = [];
	for (const d of names) {
		const child = rel ? `${rel}/${d.name}` : d.name;
		if (d.isDirectory()) out.push(...(await walk(root, child)));
		else if (d.isFile()) out.push(child);
	}
	return out;
}

async function listPersonalDataFiles(dataDir: string): Promise<PersonalDataFile[]> {
	const out: PersonalDataFile[] = [];
	for (const kind of Object.keys(ROOTS) as PersonalDataKind[]) {
		for (const relativePath of await walk(personalDataRoot(dataDir, kind))) out.push({kind, relativePath});
	}
	return out;
}

export interface PurgeResult {
	plan: PurgePlan;
	deleted: number;
	dryRun: boolean;
	/** What the other copies lost: outbox entries and blobs, quarantined files, temp files, extra copies. */
	copies: Record<string, number>;
}

/** Folders whose temp files may hold a citizen's data. */
async function removeTemps(dataDir: string): Promise<number> {
	let removed = 0;
	for (const dir of ['', 'drafts', 'receipts', 'outbox-blobs', 'captures']) removed += await removeStaleTemps(join(dataDir, dir));
	for (const folder of await readdir(join(dataDir, 'captures')).catch(() => [] as string[])) removed += await removeStaleTemps(join(dataDir, 'captures', folder));
	return removed;
}

/**
 * Outbox entries past retention: delivered ones by acceptance, refused ones by their last change.
 * A supplement (补正) entry holds the same citizen's data as its case and goes by its case's
 * acceptance, asked by case id (its key is not the case's), but never before it is itself N days
 * on the hub: a case accepted long ago and supplemented yesterday keeps yesterday's bytes.
 */
async function expiredOutboxKeys(dataDir: string, acceptance: CaseAcceptancePort, cutoff: Date): Promise<Set<string>> {
	const entries = await (await openOutboxStore(dataDir)).list();
	const delivered = entries.filter((e) => e.phase === 'done' && !e.purgedAt);
	const askedBy = (e: (typeof entries)[number]) => e.supplementFor ?? e.idempotencyKey;
	const ids = [...new Set(delivered.map(askedBy))];
	const accepted = ids.length > 0 ? await acceptance.acceptedAt(ids) : new Map<string, Date>();
	const keys = new Set<string>();
	for (const e of delivered) {
		const startsAt = accepted.get(askedBy(e))?.getTime() ?? Infinity;
		const onHubSince = e.supplementFor !== undefined ? Date.parse(e.deliveredAt ?? e.updatedAt) : -Infinity;
		if (Math.max(startsAt, onHubSince) <= cutoff.getTime()) keys.add(e.idempotencyKey);
	}
	for (const e of entries) if (e.phase === 'failed' && !e.purgedAt && Date.parse(e.updatedAt) <= cutoff.getTime()) keys.add(e.idempotencyKey);
	return keys;
}

export async function runPurge(options: {
	dataDir: string;
	retentionDays: number;
	acceptance: CaseAcceptancePort;
	dryRun: boolean;
	/** Required unless dryRun: the purge is itself audited. */
	audit?: AuditRecorder;
	clock?: Clock;
	copies?: Record<string, PersonalDataCopy>;
}): Promise<PurgeResult> {
	const now = (options.clock ?? systemClock).now();
	const files = await listPersonalDataFiles(options.dataDir);
	const caseIds = [...new Set(files.map((f) => caseIdOf(f.relativePath)).filter((id): id is string => id !== undefined))];
	const acceptedAt = caseIds.length > 0 ? await options.acceptance.acceptedAt(caseIds) : new Map<string, Date>();
	const plan = planPurge({files, acceptedAt, now, retentionDays: options.retentionDays});
	if (!options.dryRun && !options.audit) throw new Error('a purge must be audited: pass the audit recorder');
	// Read before anything is deleted: a damaged outbox stops the purge here (exit 5), untouched.
	const outboxKeys = await expiredOutboxKeys(options.dataDir, options.acceptance, plan.cutoff);
	const copies: Record<string, number> = {};
	const outbox = await purgeOutboxEntries(options.dataDir, outboxKeys, now, options.dryRun);
	copies['outboxEntries'] = outbox.entries;
	copies['outboxBlobs'] = outbox.blobs;
	copies['quarantined'] = await purgeQuarantine(options.dataDir, plan.cutoff, options.dryRun);
	copies['tempFiles'] = options.dryRun ? 0 : await removeTemps(options.dataDir);
	for (const [name, purge] of Object.entries(options.copies ?? {})) {
		for (const [what, count] of Object.entries(await purge(plan.cutoff, options.dryRun))) copies[`${name}${what.charAt(0).toUpperCase()}${what.slice(1)}`] = count;
	}
	if (options.dryRun) return {plan, deleted: 0, dryRun: true, copies};
	const audit = options.audit!;
	let deleted = 0;
	let failure: unknown;
	for (const file of plan.purge) {
		try {
			await rm(join(personalDataRoot(options.dataDir, file.kind), ...file.relativePath.split('/')), {force: true});
			deleted++;
		} catch (error) {
			failure ??= error;
		}
	}
	await removeEmptyFolders(options.dataDir, plan);
	await audit.record({
		action: 'retention.purge',
		outcome: failure ? 'failed' : 'ok',
		details: {files: deleted, planned: plan.purge.length, cases: plan.cases.length, kept: plan.keep.length, retentionDays: options.retentionDays, cutoff: plan.cutoff.toISOString(), ...copies},
	});
	if (failure) throw failure;
	return {plan, deleted, dryRun: false, copies};
}

async function removeEmptyFolders(dataDir: string, plan: PurgePlan): Promise<void> {
	const folders = new Set<string>();
	for (const f of plan.purge) {
		const parts = f.relativePath.split('/');
		for (let i = parts.length - 1; i >= 1; i--) folders.add(join(personalDataRoot(dataDir, f.kind), ...parts.slice(0, i)));
	}
	// Deepest first; rmdir fails on a folder that still holds kept files, which is what we want.
	for (const folder of [...folders].sort((a, b) => b.split(sep).length - a.split(sep).length)) await rmdir(folder).catch(() => {});
}
