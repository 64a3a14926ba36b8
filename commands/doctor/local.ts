/**
 * The doctor's checks of what is on this terminal's disk: the settings file, the data folder
 * (exists, writable, modes, free space, temp files a killed writer left), the audit chain and
 * the outbox. Read only: nothing here writes, moves or removes a file.
 */
import {constants as fsConstants} from 'node:fs';
import {access, lstat, readdir, statfs} from 'node:fs/promises';
import {basename, join, relative} from 'node:path';
import {finding, judgeFreeSpace, judgeOutbox, type Finding} from '../../src/core/doctor/findings.js';
import {messageTexts, errorTexts} from '../../src/i18n/errors.js';
import {reason, systemReason} from '../../src/core/reasons.js';
import type {OutboxEntry} from '../../src/core/cases/outbox-machine.js';
import {verifyAuditLog} from '../../src/store/audit-store.js';
import {DataFileCorruptError, damageReason, isStaleTemp} from '../../src/store/durable-json.js';
import {readOutboxFiles} from '../../src/store/outbox-files.js';
import type {SettingsInspection} from '../../src/store/settings-check.js';
import {verifyMessage} from '../audit/format.js';

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

export function checkSettings(inspection: SettingsInspection): Finding {
	const path = 'config.json';
	if (inspection.state === 'absent') return finding('settings', 'ok', 'settings.absent');
	if (inspection.state === 'ok') return finding('settings', 'ok', 'settings.ok', {path});
	if (inspection.state === 'keys') {
		// The keys' names only: an unknown key's value could be anything.
		return finding('settings', 'fail', 'settings.invalid', {path, count: inspection.problems.length, keys: inspection.problems.map((p) => p.key).join(', ')}, 5);
	}
	const problem = inspection.problem;
	const why =
		problem.kind === 'unreadable' ? systemReason({code: problem.code}) : problem.kind === 'not_object' ? reason('reason_not_object') : damageReason(problem.kind === 'syntax' ? {kind: 'syntax'} : {kind: 'empty'});
	return finding('settings', 'fail', 'settings.unusable', {path, reason: messageTexts(why)}, 5);
}

/** One entry of the data folder as listed (the bundle's file listing is made of these). */
export interface ListedFile {
	/** Relative to the data folder, `/`-separated. */
	path: string;
	type: 'file' | 'dir' | 'link' | 'other';
	mode: string;
	size: number;
	mtime: string;
}

export async function listDataFolder(dataDir: string): Promise<ListedFile[]> {
	const out: ListedFile[] = [];
	const walk = async (dir: string): Promise<void> => {
		let names: string[];
		try {
			names = (await readdir(dir)).sort();
		} catch {
			return;
		}
		for (const name of names) {
			const full = join(dir, name);
			let info;
			try {
				info = await lstat(full);
			} catch {
				continue; // removed meanwhile (a temp file renamed)
			}
			const type = info.isFile() ? 'file' : info.isDirectory() ? 'dir' : info.isSymbolicLink() ? 'link' : 'other';
			out.push({path: relative(dataDir, full).split('\\').join('/'), type, mode: octal(info.mode), size: info.size, mtime: info.mtime.toISOString()});
			if (type === 'dir') await walk(full);
		}
	};
	await walk(dataDir);
	return out;
}

export async function checkDataFolder(dataDir: string, listing: readonly ListedFile[]): Promise<Finding[]> {
	let info;
	try {
		info = await lstat(dataDir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [finding('data.dir', 'warn', 'dir.missing', {path: dataDir})];
		return [finding('data.dir', 'fail', 'dir.unwritable', {path: dataDir, reason: messageTexts(systemReason(error))}, 5)];
	}
	const findings: Finding[] = [];
	try {
		await access(dataDir, fsConstants.W_OK | fsConstants.X_OK);
		findings.push(info.mode & 0o077 ? finding('data.dir', 'fail', 'dir.open', {path: dataDir, mode: octal(info.mode)}, 5) : finding('data.dir', 'ok', 'dir.ok', {path: dataDir, mode: octal(info.mode)}));
	} catch (error) {
		findings.push(finding('data.dir', 'fail', 'dir.unwritable', {path: dataDir, reason: messageTexts(systemReason(error))}, 5));
	}
	// Files hold drafts, captures and the outbox: nobody but this user may read any of them.
	const open = listing.filter((f) => (f.type === 'file' || f.type === 'dir') && Number.parseInt(f.mode, 8) & 0o077);
	const files = listing.filter((f) => f.type === 'file').length;
	const dirs = listing.filter((f) => f.type === 'dir').length;
	findings.push(open.length > 0 ? finding('data.modes', 'fail', 'modes.open', {count: open.length, first: `${open[0]!.path} ${open[0]!.mode}`}, 5) : finding('data.modes', 'ok', 'modes.ok', {files, dirs}));
	try {
		const fs = await statfs(dataDir);
		findings.push(judgeFreeSpace(Number(fs.bavail) * Number(fs.bsize)));
	} catch (error) {
		findings.push(finding('data.space', 'warn', 'space.unknown', {reason: messageTexts(systemReason(error))}));
	}
	const temps = listing.filter((f) => f.type === 'file' && isStaleTemp(f.path.split('/').at(-1)!));
	findings.push(temps.length > 0 ? finding('data.temps', 'warn', 'temps.stale', {count: temps.length, first: temps[0]!.path}) : finding('data.temps', 'ok', 'temps.ok'));
	return findings;
}

export async function checkAudit(dataDir: string): Promise<Finding> {
	try {
		const report = await verifyAuditLog(dataDir);
		if (!report.ok) return finding('audit', 'fail', 'audit.broken', {message: {'zh-CN': verifyMessage('zh-CN', report), en: verifyMessage('en', report)}}, 5);
		if (report.entries === 0) return finding('audit', 'ok', 'audit.empty');
		return finding('audit', 'ok', 'audit.ok', {entries: report.entries});
	} catch (error) {
		return finding('audit', 'fail', 'audit.unreadable', {reason: errorTexts(error)}, 5);
	}
}

/** The outbox read as it is, without its lock (a running console may hold it): depth and the oldest entry. */
export async function checkOutbox(dataDir: string, now: Date): Promise<Finding> {
	let entries: OutboxEntry[];
	try {
		// Snapshot and journal: every entry not delivered yet is there (the archive holds only delivered ones).
		entries = [...(await readOutboxFiles(dataDir)).live.values()];
	} catch (error) {
		if (error instanceof DataFileCorruptError) return finding('outbox', 'fail', 'outbox.damaged', {file: basename(error.file), reason: messageTexts(damageReason(error.reason))}, 5);
		throw error;
	}
	const pending = entries.filter((e) => e.phase === 'uploading' || e.phase === 'posting');
	const oldest = pending.map((e) => Date.parse(e.enqueuedAt)).filter(Number.isFinite).sort((a, b) => a - b)[0];
	return judgeOutbox({pending: pending.length, failed: entries.filter((e) => e.phase === 'failed').length, ...(oldest !== undefined ? {oldestPendingAt: new Date(oldest)} : {})}, now);
}
