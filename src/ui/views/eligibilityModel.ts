/**
 * The eligibility step's lines (pure): a fixed block on top with what the clerk acts on (the
 * applicant, the question asked now and its options or field), and the scrolling result below
 * (result, each reason with rule, source and confidence, warnings that do not block, notes, the
 * rule set version). Wrapped with the CJK-aware helpers; ASCII marks only
 * (docs/architecture.md#cjk-text).
 */
import type {Decision, OpenQuestion, RuleExplanation} from '../../core/eligibility/model.js';
import {maskIdNumber} from '../../core/identity/mask.js';
import {wrapToWidth} from '../../text/width.js';
import type {Lang, Translate} from '../i18n/index.js';
import {currentQuestion, type EligibilityState} from '../state/case.js';

export type {ViewLine as EligibilityLine, ViewTone as EligibilityTone} from './PagedView.js';
import type {ViewLine as EligibilityLine, ViewTone as EligibilityTone} from './PagedView.js';
import {messageText} from '../../i18n/errors.js';
import {formatMinute} from '../../text/time.js';

const MARK: Record<RuleExplanation['outcome'], string> = {pass: '+', fail: 'x', unknown: '?', deemed: '~', shown: '!', not_applicable: '-'};

const RESULT_TONE: Record<Decision['result'], EligibilityTone> = {eligible: 'ok', not_eligible: 'error', needs_checking: 'warn'};

function wrapped(text: string, width: number, tone: EligibilityTone, indent = 0): EligibilityLine[] {
	const pad = ' '.repeat(indent);
	return wrapToWidth(text, Math.max(1, width - indent)).map((part) => ({text: pad + part, tone}));
}

function explanationLines(r: RuleExplanation, t: Translate, lang: Lang, width: number, tone: EligibilityTone): EligibilityLine[] {
	const sep = t('elig.listSeparator');
	const missing = r.missing.length > 0 ? ` ${t('elig.missing', {list: r.missing.map((m) => m.label[lang]).join(sep)})}` : '';
	const deemed = r.deemedBy ? ` ${t('elig.deemedBy', {rule: r.deemedBy})}` : '';
	const may = r.effect === 'warn' && r.outcome === 'unknown' ? t('elig.mayApply') : '';
	return [
		...wrapped(`${MARK[r.outcome]} ${may}${r.message[lang]}${deemed}${missing}`, width, tone, 1),
		...wrapped(t('elig.meta', {rule: r.ruleId, source: r.source, confidence: t(`confidence.${r.confidence}`)}), width, 'muted', 3),
	];
}

/** The choices of a yes/no or choice question as (value, label) pairs, in display order. */
function optionsOf(question: OpenQuestion, lang: Lang, yesNo: {yes: string; no: string}): Array<{value: string; label: string}> {
	if (question.type === 'yesno') return [{value: 'yes', label: yesNo.yes}, {value: 'no', label: yesNo.no}];
	return (question.choices ?? []).map((c) => ({value: c.value, label: c.text[lang]}));
}

export interface EligibilityContext {
	itemName: string;
	regionCode: string;
	counterRegion: string | undefined;
	/** The applicant's number (full, in memory): only its masked form is drawn. */
	idNumber: string | undefined;
	hasReader: boolean;
}

/** What stays on top: applicant, regions, and the question asked now (or the ID number field). */
export function eligibilityHeader(step: EligibilityState, ctx: EligibilityContext, t: Translate, lang: Lang, width: number): EligibilityLine[] {
	const lines: EligibilityLine[] = [];
	const applicant = ctx.idNumber ? maskIdNumber(ctx.idNumber) : t('elig.noApplicant');
	lines.push({text: t('elig.context', {applicant, region: ctx.regionCode, counter: ctx.counterRegion ?? '-'}), tone: 'muted'});
	const error = step.error ? wrapped(step.error[lang], width, 'error') : [];
	if (!ctx.idNumber) {
		lines.push(...wrapped(t(ctx.hasReader ? 'elig.askCard' : 'elig.askNumber'), width, 'warn'));
		lines.push({text: step.input, tone: 'body', input: {prompt: t('elig.numberPrompt'), placeholder: ''}});
		return [...lines, ...error];
	}
	if (step.busy) return [...lines, {text: t('elig.busy'), tone: 'muted'}, ...error];
	const question = currentQuestion(step);
	if (!question) return [...lines, ...error];
	const open = step.decision?.openQuestions.filter((q) => !step.skipped.includes(q.id)).length ?? 0;
	const weight = t(question.blocking ? 'elig.blocking' : 'elig.warningOnly');
	lines.push(...wrapped(t('elig.question', {count: open, weight, text: question.text[lang]}), width, 'heading'));
	if (question.type === 'date' || question.type === 'number') {
		const range = question.type === 'number' && (question.min !== undefined || question.max !== undefined) ? ` ${question.min ?? ''}-${question.max ?? ''}` : '';
		lines.push({text: step.input, tone: 'body', input: {prompt: t('elig.answerPrompt'), placeholder: ''}});
		lines.push({text: t(question.type === 'date' ? 'elig.dateHint' : 'elig.numberHint', {range}), tone: 'muted'});
	} else {
		const options = optionsOf(question, lang, {yes: t('elig.yes'), no: t('elig.no')});
		options.forEach((option, index) => {
			const box = question.multiple ? (step.picked.includes(option.value) ? '[x] ' : '[ ] ') : '';
			const pointer = index === step.cursor ? '> ' : '  ';
			lines.push(...wrapped(`${pointer}${box}${option.label}`, width, index === step.cursor ? 'selected' : 'body'));
		});
		lines.push({text: t(question.multiple ? 'elig.multiHint' : question.type === 'yesno' ? 'elig.yesNoHint' : 'elig.choiceHint'), tone: 'muted'});
	}
	return [...lines, ...error];
}

/** The result, reasons, warnings, notes and version (scrolls under the header). */
export function eligibilityBody(decision: Decision | undefined, t: Translate, lang: Lang, width: number): EligibilityLine[] {
	if (!decision) return [];
	const lines: EligibilityLine[] = [{text: t(`elig.result.${decision.result}`), tone: RESULT_TONE[decision.result]}];
	if (decision.hubUnavailable) lines.push(...wrapped(t('elig.hubUnavailable', {message: messageText(decision.hubUnavailable.cause, lang)}), width, 'warn'));
	lines.push({text: t('elig.reasons'), tone: 'heading'});
	for (const r of decision.reasons) {
		lines.push(...explanationLines(r, t, lang, width, r.outcome === 'fail' ? 'error' : r.outcome === 'unknown' ? 'warn' : 'body'));
	}
	if (decision.warnings.length > 0) {
		lines.push({text: t('elig.warnings'), tone: 'heading'});
		for (const w of decision.warnings) lines.push(...explanationLines(w, t, lang, width, 'warn'));
	}
	if (decision.notes.length > 0) {
		lines.push({text: t('elig.notes'), tone: 'heading'});
		for (const n of decision.notes) lines.push(...explanationLines(n, t, lang, width, 'body'));
	}
	lines.push(...wrapped(t('elig.version', {version: decision.ruleVersion, date: decision.evaluatedOn}), width, 'muted'));
	if (decision.hubFactsAsOf) lines.push(...wrapped(t('elig.hubAsOf', {asOf: formatMinute(new Date(decision.hubFactsAsOf))}), width, 'muted'));
	return lines;
}
