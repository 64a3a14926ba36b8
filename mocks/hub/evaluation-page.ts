/**
 * The hub's evaluation and progress page of a case (好差评 and 进度), the page the QR code on a
 * receipt and a hand-over slip opens on the citizen's phone: `<hub origin>/e/<caseId>.<sig>`.
 * The signature (HMAC-SHA256 under the hub's own key, its first 11 base64url characters: 66 bits) makes the address
 * unguessable although case numbers are sequential: a case's page opens only from its paper. The
 * page shows the case number, the item, the status and the history, and of the person only the
 * masked name. Served without a token or a terminal header: a phone has neither.
 */
import {createHmac, timingSafeEqual} from 'node:crypto';
import {maskName} from '../../src/core/identity/mask.js';
import type {CaseRecord} from '../../src/core/cases/model.js';
import {CASE_STATUS_LABELS} from '../../src/i18n/case-status.js';

const SIG_CHARS = 11;

const signature = (key: string, caseId: string) => createHmac('sha256', key).update(`evaluation:${caseId}`).digest('base64url').slice(0, SIG_CHARS);

/** The page's path for a case (after the hub origin). */
export const evaluationPath = (key: string, caseId: string) => `/e/${caseId}.${signature(key, caseId)}`;

/** The case a page path names when its signature holds; undefined otherwise (a 404, whichever way it is wrong). */
export function caseOfEvaluationPath(key: string, path: string): string | undefined {
	const match = /^\/e\/([A-Za-z0-9][A-Za-z0-9-]{3,63})\.([A-Za-z0-9_-]{11})$/.exec(path);
	if (!match) return undefined;
	const expected = Buffer.from(signature(key, match[1]!));
	const given = Buffer.from(match[2]!);
	return expected.length === given.length && timingSafeEqual(expected, given) ? match[1] : undefined;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const status = (s: CaseRecord['status']) => CASE_STATUS_LABELS['zh-CN'][`status.${s}`];

export function evaluationPage(record: CaseRecord, itemName: string, applicantName: string): string {
	const history = record.history
		.map((h) => `<li><time>${escape(h.at)}</time> ${escape(status(h.status))}${h.note ? ` — ${escape(h.note)}` : ''}</li>`)
		.join('\n');
	return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>办件进度与评价 ${escape(record.caseId)}</title></head>
<body>
<h1>办件进度与评价</h1>
<dl>
<dt>办件编号</dt><dd id="case">${escape(record.caseId)}</dd>
<dt>事项</dt><dd id="item">${escape(itemName)}</dd>
<dt>申请人</dt><dd id="applicant">${escape(maskName(applicantName))}</dd>
<dt>当前状态</dt><dd id="status">${escape(status(record.status))}</dd>
</dl>
<h2>办理记录</h2>
<ol id="history">
${history}
</ol>
</body></html>
`;
}
