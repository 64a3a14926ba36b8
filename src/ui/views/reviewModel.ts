/**
 * The review step's lines (pure): what the case will say (item, where it is received and decided,
 * the promised time, the applicant masked, the eligibility outcome), each material with its
 * capture and original state, then what blocks submission and what is only a note. The header
 * keeps the verdict and the key to press in sight; the body scrolls.
 */
import type {Implementation, ServiceItem} from '../../core/catalog/model.js';
import type {DraftReview} from '../../core/cases/counter-draft.js';
import type {DuplicateCheck} from '../../core/cases/duplicates.js';
import {maskName} from '../../core/identity/mask.js';
import {formatMinute} from '../../text/time.js';
import {wrapToWidth} from '../../text/width.js';
import type {Translate} from '../i18n/index.js';
import type {DraftRecord} from '../services.js';
import type {ReviewState} from '../state/case.js';
import type {ViewLine, ViewTone} from './PagedView.js';

function wrapped(text: string, width: number, tone: ViewTone, indent = 0): ViewLine[] {
	const pad = ' '.repeat(indent);
	return wrapToWidth(text, Math.max(1, width - indent)).map((part) => ({text: pad + part, tone}));
}

export interface ReviewContext {
	draft: DraftRecord | undefined;
	review: DraftReview | undefined;
	state: ReviewState;
	item: ServiceItem | undefined;
	implementation: Implementation | undefined;
	receivingProvince: string;
	handlingProvince: string;
}

/** Open cases listed in the header at most; the rest are counted. */
const DUPLICATES_SHOWN = 3;

/**
 * The duplicate guard's finding (docs/return-trips.md#no-accidental-second-case): the open cases
 * of this applicant for this item, that a second one needs y after Enter, and whether the hub
 * could be asked.
 */
function duplicateLines(check: DuplicateCheck | undefined, checking: boolean, t: Translate, width: number): ViewLine[] {
	if (checking) return [{text: t('rev.dup.checking'), tone: 'muted'}];
	if (!check) return [];
	const lines: ViewLine[] = [];
	if (check.cases.length > 0) {
		lines.push(...wrapped(t('rev.dup.found', {count: check.cases.length}), width, 'warn'));
		for (const c of check.cases.slice(0, DUPLICATES_SHOWN)) {
			const text = c.caseId && c.status ? t('rev.dup.case', {caseId: c.caseId, status: t(`status.${c.status}`), time: c.receivedAt ? formatMinute(new Date(c.receivedAt)) : '-', node: c.receivingNode ?? '-'}) : t('rev.dup.queued');
			lines.push(...wrapped(text, width, 'warn', 2));
		}
		if (check.cases.length > DUPLICATES_SHOWN) lines.push({text: `  ${t('rev.dup.more', {count: check.cases.length - DUPLICATES_SHOWN})}`, tone: 'warn'});
		lines.push(...wrapped(t('rev.dup.needsConfirm'), width, 'warn'));
	}
	if (check.hub === 'unavailable') lines.push(...wrapped(t('rev.dup.hubUnavailable'), width, 'muted'));
	return lines;
}

/** What stays on top: the verdict (problems, or "press enter"), and the submit progress or notice. */
export function reviewHeader(ctx: ReviewContext, t: Translate, width: number): ViewLine[] {
	const {review, state} = ctx;
	if (!ctx.draft || !review) return [{text: t('rev.loading'), tone: 'muted'}];
	const lines: ViewLine[] = [];
	// Handed to the outbox already: say where it is, not that it "cannot be submitted".
	const queued = Boolean(ctx.draft.submitted);
	if (state.confirmDuplicate && !queued) lines.push(...wrapped(t('rev.dup.confirm'), width, 'warn'));
	if (state.busy) lines.push({text: t('rev.submitting'), tone: 'warn'});
	else if (state.notice) lines.push(...wrapped(t(state.notice.key, state.notice.params), width, state.notice.tone));
	else if (queued) lines.push(...wrapped(t('rev.queuedNoReason'), width, 'warn'));
	else if (review.ready) lines.push(...wrapped(t('rev.ready'), width, 'ok'));
	if (!review.ready && !queued) {
		lines.push({text: t('rev.problems'), tone: 'error'});
		for (const problem of review.problems) {
			const params = problem.code === 'missing_material' ? {code: problem.material, name: problem.name} : undefined;
			lines.push(...wrapped(`x ${t(`rev.problem.${problem.code}`, params)}`, width, 'error', 1));
		}
	}
	if (!queued) lines.push(...duplicateLines(state.duplicates, Boolean(state.checkingDuplicates), t, width));
	return lines;
}

export function reviewBody(ctx: ReviewContext, t: Translate, width: number): ViewLine[] {
	const {draft, review, implementation} = ctx;
	if (!draft || !review) return [];
	const lines: ViewLine[] = [];
	const limit = implementation ? t(`time.${implementation.promisedLimit.unit}`, {value: implementation.promisedLimit.value}) : '-';
	lines.push(...wrapped(t('rev.where', {receiving: ctx.receivingProvince, handling: ctx.handlingProvince, limit}), width, 'body'));
	const applicant = draft.applicant;
	lines.push({text: applicant ? t('rev.applicant', {name: applicant.name ? maskName(applicant.name) : '', number: applicant.masked}) : t('rev.noApplicant'), tone: applicant ? 'body' : 'error'});
	if (draft.agent) lines.push({text: t('rev.agent', {name: maskName(draft.agent.name), number: draft.agent.masked}), tone: 'body'});
	const result = draft.eligibility?.result;
	const known = result === 'eligible' || result === 'not_eligible' || result === 'needs_checking';
	lines.push({
		text: known ? t('rev.eligibility', {result: t(`rev.result.${result}`), version: draft.eligibility!.ruleVersion}) : t('rev.eligibility.none'),
		tone: result === 'eligible' ? 'ok' : result === 'not_eligible' ? 'error' : 'warn',
	});
	const captured = review.materials.filter((m) => m.captured).length;
	lines.push({text: t('rev.materials', {captured, total: review.materials.length}), tone: 'heading'});
	for (const m of review.materials) {
		const state = m.captured ? t('rev.material.captured') : m.required ? t('rev.material.missing') : t('rev.material.optional');
		const original = m.captured && m.originals > 0 ? ` ${m.originalVerified ? t('rev.material.original') : t('rev.material.originalTodo')}` : '';
		const tone: ViewTone = m.captured ? 'body' : m.required ? 'error' : 'muted';
		lines.push(...wrapped(`${m.code} ${state} ${m.name}${original}`, width, tone, 1));
	}
	for (const warning of review.warnings) {
		const params = warning.code === 'original_unverified' ? {code: warning.material, name: warning.name} : undefined;
		lines.push(...wrapped(t(`rev.warn.${warning.code}`, params), width, 'warn'));
	}
	return lines;
}
