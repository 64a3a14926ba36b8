/**
 * Text output of a decision: result, reasons (each with its rule, source and confidence), warnings,
 * notes and the questions still open. The ID number is always masked.
 */
import type {Decision, RuleExplanation} from '../../src/core/eligibility/model.js';
import {maskIdNumber} from '../../src/core/identity/mask.js';
import type {Lang} from '../../src/core/lang.js';
import {eligibilityText, type EligibilityMessageKey} from '../../src/i18n/eligibility.js';
import {messageText} from '../../src/i18n/errors.js';
import {formatStamp} from '../../src/text/time.js';

const MARK: Record<RuleExplanation['outcome'], string> = {pass: '✓', fail: '✗', unknown: '?', deemed: '≈', shown: '!', not_applicable: '-'};

export interface DecisionContext {
	idNumber: string;
	counterRegion?: string;
	itemRegion?: string;
}

export function decisionText(lang: Lang, decision: Decision, context: DecisionContext): string[] {
	const t = (key: EligibilityMessageKey, params?: Record<string, string | number>) => eligibilityText(lang, key, params);
	const sep = lang === 'zh-CN' ? '、' : ', ';
	const meta = (r: RuleExplanation) => t('out.meta', {rule: r.ruleId, source: r.source, confidence: t(`confidence.${r.confidence}`)});
	const missing = (r: RuleExplanation) => (r.missing.length > 0 ? `  ${t('out.missing', {list: r.missing.map((m) => m.label[lang]).join(sep)})}` : '');
	const lines: string[] = [
		t('out.item', {name: decision.itemName, code: decision.itemCode}),
		t('out.applicant', {id: maskIdNumber(context.idNumber), date: decision.evaluatedOn, version: decision.ruleVersion}),
		t('out.regions', {counter: context.counterRegion ?? t('out.unknownRegion'), item: context.itemRegion ?? t('out.unknownRegion')}),
		t(`out.result.${decision.result}`),
	];
	if (decision.hubUnavailable) lines.push(t('out.hubUnavailable', {message: messageText(decision.hubUnavailable.cause, lang)}));
	lines.push(t('out.reasons'));
	for (const r of decision.reasons) {
		const deemed = r.deemedBy ? `  ${t('out.deemedBy', {rule: r.deemedBy})}` : '';
		lines.push(`  ${MARK[r.outcome]} ${r.message[lang]}${deemed}${missing(r)}`, `    ${meta(r)}`);
	}
	if (decision.warnings.length > 0) {
		lines.push(t('out.warnings'));
		for (const w of decision.warnings) {
			const prefix = w.outcome === 'unknown' ? t('out.mayApply') : '';
			lines.push(`  ${MARK[w.outcome]} ${prefix}${w.message[lang]}${missing(w)}`, `    ${meta(w)}`);
		}
	}
	if (decision.notes.length > 0) {
		lines.push(t('out.notes'));
		for (const n of decision.notes) lines.push(`  · ${n.message[lang]}`, `    ${meta(n)}`);
	}
	if (decision.openQuestions.length > 0) {
		lines.push(t('out.questions'));
		for (const q of decision.openQuestions) {
			const how =
				q.type === 'choice'
					? t('out.choices', {list: (q.choices ?? []).map((c) => `${c.value} ${c.text[lang]}`).join(lang === 'zh-CN' ? '；' : '; ')})
					: t(`out.answerType.${q.type}`);
			lines.push(`  ${q.id}: ${q.text[lang]}  (${how})`);
		}
	}
	const params = Object.entries(decision.params);
	if (params.length > 0) {
		const from = [t('out.paramsDefault'), ...decision.paramsFrom].join(' + ');
		lines.push(t('out.params', {list: params.map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(' '), from}));
	}
	if (decision.hubFactsAsOf) lines.push(t('out.hubAsOf', {asOf: formatStamp(decision.hubFactsAsOf)}));
	return lines;
}

/** The decision for --json: everything, with the applicant's number masked. */
export function decisionJson(decision: Decision, context: DecisionContext): Record<string, unknown> {
	return {
		applicant: {idNumber: maskIdNumber(context.idNumber)},
		counterRegion: context.counterRegion ?? null,
		itemRegion: context.itemRegion ?? null,
		...decision,
	};
}
