/** How audit entries are shown: one line per entry, CSV rows, and the verify verdict. Masked again on the way out. */
import type {AuditEntry} from '../../src/core/audit/model.js';
import {redactValue} from '../../src/core/audit/redact.js';
import type {VerifyReport} from '../../src/core/audit/verify.js';
import type {Lang} from '../../src/core/lang.js';
import {auditActionLabel, auditText, type AuditMessageKey} from '../../src/i18n/audit.js';
import {csvLine} from '../../src/text/csv.js';
import {formatStampSeconds} from '../../src/text/time.js';

/**
 * An entry as it leaves the program: details and target masked once more, in case a file was
 * edited by hand to hold personal data (the hash check would flag it, but never print it).
 */
export function safeEntry(entry: AuditEntry): AuditEntry {
	return {...entry, target: redactValue(entry.target) as AuditEntry['target'], details: redactValue(entry.details) as AuditEntry['details']};
}

export function entryLine(lang: Lang, raw: AuditEntry): string {
	const e = safeEntry(raw);
	const target = [e.target.caseId, e.target.itemCode, e.target.devicePath].filter(Boolean).join(' ') || '-';
	const details = Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : '';
	const outcome = auditText(lang, `outcome.${e.outcome}` as AuditMessageKey);
	return [String(e.seq).padStart(6), formatStampSeconds(e.ts), `${e.operator.id}(${e.operator.role})`, e.terminal, auditActionLabel(lang, e.action), target, outcome, details].join('  ').trimEnd();
}

const CSV_COLUMNS = ['seq', 'ts', 'operator', 'role', 'terminal', 'action', 'caseId', 'itemCode', 'devicePath', 'outcome', 'details', 'prev', 'hash'] as const;

export function csvHeader(): string {
	return CSV_COLUMNS.join(',');
}

export function csvRow(raw: AuditEntry): string {
	const e = safeEntry(raw);
	const cells = [String(e.seq), e.ts, e.operator.id, e.operator.role, e.terminal, e.action, e.target.caseId ?? '', e.target.itemCode ?? '', e.target.devicePath ?? '', e.outcome, JSON.stringify(e.details), e.prev, e.hash];
	return csvLine(cells);
}

export function verifyMessage(lang: Lang, report: VerifyReport): string {
	const p = report.problem;
	if (!p) {
		if (report.entries === 0) return auditText(lang, 'verify.empty');
		return auditText(lang, 'verify.ok', {segments: report.segments, entries: report.entries, first: report.firstSeq ?? '-', last: report.lastSeq ?? '-', head: auditText(lang, `verify.head.${report.head}`)});
	}
	const range = p.missing ?? p.beyond;
	const params = {from: range?.from ?? '?', to: range?.to ?? '?', missingSegment: p.missingSegment ?? '?', linkedFrom: p.linkedFrom ?? '?'};
	const what = auditText(lang, p.kind === 'modified' && p.linkedFrom !== undefined ? 'verify.kind.modifiedLinked' : (`verify.kind.${p.kind}` as AuditMessageKey), params);
	return auditText(lang, 'verify.broken', {what, segment: p.segment, position: p.index + 1, seq: p.seq !== undefined ? auditText(lang, 'verify.seq', {seq: p.seq}) : ''});
}
