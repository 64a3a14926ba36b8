/**
 * Executes a retention purge: lists files under `<dataDir>/drafts/` and `<dataDir>/captures/`,
 * asks the case port when the hub accepted each case, deletes what the plan (core/audit/
 * retention.ts) allows, removes emptied case folders, and records one audit entry with counts
 * only. The audit log itself is never purged. The caller opens the audit store BEFORE calling,
 * so a purge never runs when it could not be audited.
 */
import {readdir, rm, rmdir} from 'node:fs/promises';
import {join, sep} from 'node:path';
import type {AuditRecorder} from '../core/audit/model.js';
import {caseIdOf, planPurge, type PersonalDataFile, type PersonalDataKind, type PurgePlan} from '../core/audit/retention.js';
import {systemClock, type Clock} from '../core/ports.js';

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

export async function listPersonalDataFiles(dataDir: string): Promise<PersonalDataFile[]> {
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
}

export async function runPurge(options: {
	dataDir: string;
	retentionDays: number;
	acceptance: CaseAcceptancePort;
	dryRun: boolean;
	/** Required unless dryRun: the purge is itself audited. */
	audit?: AuditRecorder;
	clock?: Clock;
}): Promise<PurgeResult> {
	const files = await listPersonalDataFiles(options.dataDir);
	const caseIds = [...new Set(files.map((f) => caseIdOf(f.relativePath)).filter((id): id is string => id !== undefined))];
	const acceptedAt = caseIds.length > 0 ? await options.acceptance.acceptedAt(caseIds) : new Map<string, Date>();
	const plan = planPurge({files, acceptedAt, now: (options.clock ?? systemClock).now(), retentionDays: options.retentionDays});
	if (options.dryRun) return {plan, deleted: 0, dryRun: true};
	if (!options.audit) throw new Error('a purge must be audited: pass the audit recorder');
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
	await options.audit.record({
		action: 'retention.purge',
		outcome: failure ? 'failed' : 'ok',
		details: {files: deleted, planned: plan.purge.length, cases: plan.cases.length, kept: plan.keep.length, retentionDays: options.retentionDays, cutoff: plan.cutoff.toISOString()},
	});
	if (failure) throw failure;
	return {plan, deleted, dryRun: false};
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
