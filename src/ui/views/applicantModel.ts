/**
 * The applicant panel's lines (pure): masked name and number (the full number only after a
 * confirmed reveal), document kind, validity with its warning level, and the GB 11643 check.
 */
import type {IdNumberResult} from '../../core/identity/idnumber.js';
import {maskIdNumber} from '../../core/identity/mask.js';
import {formatMinute} from '../../text/time.js';
import type {Lang, Translate} from '../i18n/index.js';
import type {ApplicantState} from '../state/case.js';

export type LineLevel = 'normal' | 'warn' | 'error' | 'ok' | 'muted';

export interface ApplicantLine {
	label: string;
	value: string;
	level: LineLevel;
}

export function firstError(result: IdNumberResult | undefined, lang: Lang): string | undefined {
	const problem = result?.problems.find((p) => p.severity === 'error') ?? result?.problems[0];
	return problem?.[lang];
}

export function applicantLines(applicant: ApplicantState, t: Translate, lang: Lang, manualCheck?: IdNumberResult): ApplicantLine[] {
	const revealedNote = applicant.revealed ? ` ${t('applicant.revealed')}` : '';
	if (applicant.manualNumber) {
		return [
			{label: t('applicant.number'), value: (applicant.revealed ? applicant.manualNumber : maskIdNumber(applicant.manualNumber)) + revealedNote, level: 'normal'},
			{label: t('applicant.check'), value: manualCheck?.ok === false ? (firstError(manualCheck, lang) ?? '') : t('applicant.checkOk'), level: manualCheck?.ok === false ? 'error' : 'ok'},
			{label: t('applicant.source'), value: t('applicant.sourceManual'), level: 'muted'},
		];
	}
	const read = applicant.card;
	if (!read) return [];
	const {display, card} = read;
	const validity = display.validity;
	const validityText =
		validity.status === 'expiring'
			? t('validity.expiring', {days: validity.daysLeft ?? 0})
			: t(`validity.${validity.status}`);
	const validityLevel: LineLevel = validity.status === 'expired' || validity.status === 'not-yet-valid' ? 'error' : validity.status === 'expiring' || validity.status === 'unknown' ? 'warn' : 'ok';
	const check = read.numberCheck;
	const lines: ApplicantLine[] = [
		{label: t('applicant.name'), value: display.englishName ? `${display.name} ${display.englishName}` : display.name, level: 'normal'},
		{label: t('applicant.number'), value: (applicant.revealed ? card.number : display.number) + revealedNote, level: 'normal'},
		{label: t('applicant.kind'), value: t(`kind.${display.kind}`), level: 'normal'},
		{label: t('applicant.sex'), value: display.sex, level: 'normal'},
		{label: t('applicant.birth'), value: display.birthDate, level: 'normal'},
		{label: t('applicant.validity'), value: `${validityText} (${card.validFrom} - ${validity.status === 'long-term' ? t('validity.long-term') : card.validUntil})`, level: validityLevel},
	];
	if (check) {
		lines.push({label: t('applicant.check'), value: check.ok ? t('applicant.checkOk') : (firstError(check, lang) ?? ''), level: check.ok ? 'ok' : 'error'});
	}
	lines.push({label: t('applicant.source'), value: t('applicant.sourceCard', {time: formatMinute(read.readAt).slice(11)}), level: 'muted'});
	return lines;
}
