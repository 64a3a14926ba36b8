/**
 * The lines of the branch's work queue and of the return trip open from it (pure): drawn by
 * PagedView, the capture by CaptureScreen. Every line is wrapped or cut to the width in columns
 * (src/text/width.ts); names and numbers are the masked ones the hub and the card display give.
 */
import type {MaskedPerson, WorkItem} from '../../core/cases/return-trips.js';
import {dueAt} from '../../core/cases/return-trips.js';
import {formatMinute} from '../../text/time.js';
import {FOLLOW_UP_NOTE_MAX} from '../../core/cases/evaluation.js';
import {displayWidth} from '../../text/width.js';
import {truncateToWidth, wrapToWidth} from '../../text/width.js';
import type {Lang, Translate} from '../i18n/index.js';
import {picturesOf, POA_CODE, type WorkState, type WorkTask} from '../state/work.js';
import type {PagedModel} from './caseScreens.js';
import type {ViewLine, ViewTone} from './PagedView.js';

export interface WorkModelInput {
	t: Translate;
	lang: Lang;
	columns: number;
	itemName(code: string): string;
	now: Date;
	policy: Parameters<typeof dueAt>[1];
}

/** Lines per queue row: what it is, then the detail that says how urgent. */
const WORK_ROW_LINES = 2;

const at = (iso: string | null | undefined) => (iso ? formatMinute(new Date(iso)) : '-');

function wrapped(text: string, columns: number, tone: ViewTone): ViewLine[] {
	return wrapToWidth(text, columns).map((line) => ({text: line, tone}));
}

function person(p: MaskedPerson): string {
	return `${p.name} ${p.idNumberMasked}`;
}

function rowLines(item: WorkItem, selected: boolean, input: WorkModelInput): ViewLine[] {
	const {t, columns, now} = input;
	const overdue = dueAt(item, input.policy) <= now.getTime();
	const pointer = selected ? '> ' : '  ';
	const head = `${pointer}${t('work.row', {need: t(`work.need.${item.need}`), caseId: item.caseId, item: input.itemName(item.itemCode), applicant: person(item.applicant)})}`;
	const detail =
		item.need === 'supplement'
			? t('work.detail.supplement', {deadline: at(item.deadline), reason: item.reason ?? ''})
			: item.need === 'pickup'
				? t('work.detail.pickup', {since: at(item.since)})
				: item.need === 'follow_up'
					? t('work.detail.follow_up', {level: item.evaluation ? t(`eval.${item.evaluation.level}`) : '', since: at(item.since), reason: item.evaluation?.reason ?? ''})
					: t('work.detail.shipment', {since: at(item.since)});
	return [
		{text: truncateToWidth(head, columns), tone: selected ? 'selected' : 'body'},
		{text: truncateToWidth(`    ${overdue ? `${t('work.overdue')}  ` : ''}${detail}`, columns), tone: overdue ? 'error' : 'muted'},
	];
}

export function workQueueModel(work: WorkState, input: WorkModelInput, pageLines: number): PagedModel {
	const {t, columns} = input;
	const header: ViewLine[] = [];
	if (work.error) header.push(...wrapped(t('work.failed', {message: work.error[input.lang]}), columns, 'error'));
	if (!work.items) return {title: t('view.work'), header: [...header, {text: t('work.loading'), tone: 'muted'}], body: [], scroll: 0};
	header.push({text: t('work.polled', {count: work.items.length, time: at(work.polledAt).slice(11)}), tone: 'muted'});
	if (work.items.length === 0) return {title: t('view.work'), header: [...header, {text: t('work.empty'), tone: 'ok'}], body: [], scroll: 0};
	const body = work.items.flatMap((item, index) => rowLines(item, index === work.selected, input));
	const first = work.selected * WORK_ROW_LINES;
	const page = Math.max(WORK_ROW_LINES, pageLines - header.length);
	return {title: t('view.work'), header, body, scroll: Math.max(0, first + WORK_ROW_LINES - page)};
}

/** What the case is and who may act on it: the top of every task screen. */
function caseLines(task: WorkTask, input: WorkModelInput): ViewLine[] {
	const {t, columns} = input;
	const {item} = task;
	const lines: ViewLine[] = [];
	if (item.need === 'supplement') {
		lines.push(...wrapped(t('task.reason', {reason: item.reason ?? ''}), columns, 'warn'));
		lines.push({text: t('task.deadline', {deadline: at(item.deadline)}), tone: dueAt(item, input.policy) <= input.now.getTime() ? 'error' : 'body'});
	}
	if (item.need === 'follow_up' && item.evaluation) {
		const {level, reason, evaluatedAt} = item.evaluation;
		lines.push({text: t('task.evaluation', {level: t(`eval.${level}`), at: at(evaluatedAt)}), tone: 'warn'});
		lines.push(...wrapped(reason ? t('task.evaluationReason', {reason}) : t('task.evaluationNoReason'), columns, 'body'));
	}
	if (item.need !== 'shipment') {
		lines.push({text: t('task.applicant', {name: item.applicant.name, number: item.applicant.idNumberMasked}), tone: 'body'});
		if (item.agent) lines.push({text: t('task.agent', {name: item.agent.name, number: item.agent.idNumberMasked}), tone: 'body'});
	}
	return lines;
}

function presenterLines(task: WorkTask, input: WorkModelInput): ViewLine[] {
	const {t, columns} = input;
	const p = task.presenter;
	if (!p) return [];
	const lines = wrapped(t(`task.matched.${p.role}`, {name: p.person.name, number: p.person.idNumberMasked}), columns, 'ok');
	if (p.strength === 'masked') lines.push(...wrapped(t('task.maskedOnly'), columns, 'muted'));
	return lines;
}

function pictureRows(task: WorkTask, input: WorkModelInput): ViewLine[] {
	const {t, columns} = input;
	return picturesOf(task).map((m, index) => {
		const kept = task.kept[m.code];
		const name = m.code === POA_CODE ? t('task.poa') : m.name;
		const text = `${index === task.selected && task.stage === 'pictures' ? '> ' : '  '}[${kept ? t('task.kept') : t('task.toTake')}] ${m.code} ${name}`;
		return {text: truncateToWidth(text, columns), tone: index === task.selected && task.stage === 'pictures' ? 'selected' : kept ? 'ok' : 'body'};
	});
}

export function taskModel(task: WorkTask, input: WorkModelInput): PagedModel {
	const {t, columns} = input;
	const {item} = task;
	const title = t(`task.title.${item.need}`, {caseId: item.caseId, item: input.itemName(item.itemCode)});
	if (task.stage === 'done' && task.document) {
		return {title, header: [], body: task.document.lines.map((text) => ({text, tone: 'body' as const})), scroll: task.document.scroll};
	}
	const header: ViewLine[] = [...caseLines(task, input)];
	const notice = task.notice ? wrapped(t(task.notice.key, task.notice.params), columns, task.notice.tone) : [];
	if (task.stage === 'form') {
		header.push(...wrapped(t('task.originals'), columns, 'body'));
		header.push({text: t('task.carrier', {carrier: t(`carrier.${task.carrier}`)}), tone: 'heading'});
		header.push({text: task.waybill, tone: 'body', input: {prompt: t('task.waybillPrompt'), placeholder: t('task.waybillPlaceholder')}});
		return {title, header: [...header, ...notice], body: [], scroll: 0};
	}
	if (task.stage === 'note' || (task.stage === 'sending' && item.need === 'follow_up')) {
		header.push(...wrapped(t('task.followUpGuide'), columns, 'heading'));
		if (task.stage === 'sending') return {title, header: [...header, {text: t('task.sending'), tone: 'muted'}], body: [], scroll: 0};
		header.push({text: task.note, tone: 'body', input: {prompt: t('task.notePrompt'), placeholder: ''}});
		// A note wider than its line is shown whole under it (the field keeps its end in view).
		const long = displayWidth(task.note) > columns - displayWidth(t('task.notePrompt')) - 3;
		const whole = long ? [{text: t('task.noteCount', {count: [...task.note].length, max: FOLLOW_UP_NOTE_MAX}), tone: 'muted' as const}, ...wrapped(task.note, columns, 'body')] : [];
		return {title, header: [...header, ...notice], body: whole, scroll: Math.max(0, whole.length - 1)};
	}
	if (task.stage === 'card') {
		header.push(...wrapped(t('task.card'), columns, 'heading'));
		return {title, header: [...header, ...notice], body: [], scroll: 0};
	}
	header.push(...presenterLines(task, input));
	if (task.stage === 'pictures') {
		if (item.need === 'supplement') header.push({text: t('task.asked'), tone: 'heading'});
		return {title, header: [...header, ...notice], body: pictureRows(task, input), scroll: 0};
	}
	// review or sending
	const p = task.presenter;
	const question =
		item.need === 'supplement'
			? t('task.review.supplement', {caseId: item.caseId, count: picturesOf(task).length})
			: t('task.review.pickup', {caseId: item.caseId, role: t(`task.role.${p?.role ?? 'applicant'}`), name: p?.person.name ?? '', number: p?.person.idNumberMasked ?? ''});
	const status = task.stage === 'sending' ? [{text: t('task.sending'), tone: 'muted' as const}] : wrapped(question, columns, 'heading');
	return {title, header: [...header, ...status, ...notice], body: pictureRows(task, input), scroll: 0};
}
