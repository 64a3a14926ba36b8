/**
 * The tamperings of issue 12 ("audit truncation is always detected"), as edits of the files a
 * writer left, for the store tests (in process, under a running writer) and the command tests
 * (through the built binary). Each one worked on the earlier design: verify passed, or the next
 * audited command re-anchored the forged chain and verify passed again.
 */
import {readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {sealEntry} from '../core/audit/hash.js';
import type {AuditEntry} from '../core/audit/model.js';
import {auditDir} from '../store/audit-store.js';

export interface Tampering {
	name: string;
	apply(dataDir: string): void;
}

function parts(dataDir: string): string[] {
	return readdirSync(auditDir(dataDir))
		.filter((f) => /^\d{4}-\d{2}-\d{2}\.\d{4}\.json$/.test(f))
		.sort();
}

function editPart(dataDir: string, file: string, fn: (entries: AuditEntry[]) => void): void {
	const path = join(auditDir(dataDir), file);
	const data = JSON.parse(readFileSync(path, 'utf8')) as {entries: AuditEntry[]};
	fn(data.entries);
	writeFileSync(path, JSON.stringify(data));
}

const lastPart = (dataDir: string) => parts(dataDir).at(-1)!;
const headFile = (dataDir: string) => join(auditDir(dataDir), 'head.json');

/** All entries in chain order (the tamperer reads the files like anyone could). */
function entries(dataDir: string): AuditEntry[] {
	return parts(dataDir).flatMap((f) => (JSON.parse(readFileSync(join(auditDir(dataDir), f), 'utf8')) as {entries: AuditEntry[]}).entries);
}

/** A log of ≥ 3 parts, each ending on a whole entry; the last part holds ≥ 2 entries. */
export const TAMPERINGS: Tampering[] = [
	{name: 'delete head.json', apply: (d) => unlinkSync(headFile(d))},
	{
		name: 'delete head.json and cut the last entry',
		apply: (d) => {
			unlinkSync(headFile(d));
			editPart(d, lastPart(d), (e) => e.pop());
		},
	},
	{name: 'garbage in head.json', apply: (d) => writeFileSync(headFile(d), 'garbage, not a head\n')},
	{
		name: 'head.json pointed at an older entry',
		apply: (d) => {
			const all = entries(d);
			const older = all[all.length - 3]!;
			writeFileSync(headFile(d), JSON.stringify({seq: older.seq, hash: older.hash, segment: parts(d).at(-2)!.slice(0, -'.json'.length)}));
		},
	},
	{
		name: 'a forged entry appended with a recomputed hash',
		apply: (d) =>
			editPart(d, lastPart(d), (e) => {
				const last = e.at(-1)!;
				const {hash: _hash, prev: _prev, ...body} = last;
				e.push(sealEntry({...body, seq: last.seq + 1, ts: new Date(Date.parse(last.ts) + 1000).toISOString(), action: 'card.reveal', details: {idNumberMasked: '440305********123X', reason: 'forged'}}, last.hash));
			}),
	},
	{name: 'cut the last entries', apply: (d) => editPart(d, lastPart(d), (e) => e.splice(1))},
	{name: 'delete the last part', apply: (d) => unlinkSync(join(auditDir(d), lastPart(d)))},
	{
		name: 'edit and re-hash the last entry',
		apply: (d) =>
			editPart(d, lastPart(d), (e) => {
				const {hash: _hash, ...body} = e.at(-1)!;
				e[e.length - 1] = sealEntry({...body, outcome: 'failed'}, body.prev);
			}),
	},
];

/** Every file of the audit folder but the lock, by name: to show a refusal wrote nothing. */
export function auditFiles(dataDir: string): Record<string, string> {
	const out: Record<string, string> = {};
	let names: string[];
	try {
		names = readdirSync(auditDir(dataDir));
	} catch {
		return out;
	}
	for (const name of names.sort()) if (name !== 'writer.lock') out[name] = readFileSync(join(auditDir(dataDir), name)).toString('base64');
	return out;
}

/** The head a careful tamperer writes: a done record naming the (new) last entry. */
function consistentHead(dataDir: string): void {
	const file = parts(dataDir).at(-1)!;
	const last = (JSON.parse(readFileSync(join(auditDir(dataDir), file), 'utf8')) as {entries: AuditEntry[]}).entries.at(-1)!;
	writeFileSync(headFile(dataDir), JSON.stringify({seq: last.seq, hash: last.hash, segment: file.slice(0, -'.json'.length)}));
}

/**
 * What a check on the terminal alone cannot catch (every one leaves a log whose head and chain
 * agree): only the hub's anchor does (`audit verify --hub`).
 */
export const CONSISTENT_TAMPERINGS: Array<Tampering & {kind: 'folder_deleted' | 'truncated' | 'rewritten'}> = [
	{name: 'the whole audit folder deleted', kind: 'folder_deleted', apply: (d) => rmSync(auditDir(d), {recursive: true, force: true})},
	{
		name: 'the tail cut back to seq 6 and the head rewritten to match',
		kind: 'truncated',
		apply: (d) => {
			for (const file of parts(d)) {
				const path = join(auditDir(d), file);
				const kept = (JSON.parse(readFileSync(path, 'utf8')) as {entries: AuditEntry[]}).entries.filter((e) => e.seq <= 6);
				if (kept.length === 0) unlinkSync(path);
				else editPart(d, file, (e) => e.splice(0, e.length, ...kept));
			}
			consistentHead(d);
		},
	},
	{
		name: 'the chain rewritten from seq 5 (every later hash recomputed) and the head rewritten to match',
		kind: 'rewritten',
		apply: (d) => {
			let prev: string | undefined;
			for (const file of parts(d)) {
				editPart(d, file, (entries) => {
					for (let i = 0; i < entries.length; i++) {
						const {hash: _hash, ...body} = entries[i]!;
						if (body.seq < 5) continue;
						const changed = body.seq === 5 ? {...body, outcome: 'denied' as const} : body;
						entries[i] = sealEntry(changed, prev ?? body.prev);
						prev = entries[i]!.hash;
					}
				});
			}
			consistentHead(d);
		},
	},
];
