/**
 * The materials step's lines (pure): the checklist (a fixed header with applicant, draft and
 * eligibility summary, then two lines per material: name and required mark, then counts and
 * capture state) and the capture screen's text around the preview (progress bar, quality
 * warnings first and loud, the picture's size and SHA-256, or the camera's error). ASCII marks
 * only; the preview's half blocks are drawn on lines of their own (docs/architecture.md#cjk-text).
 */
import type {Material} from '../../core/catalog/model.js';
import {wrapToWidth} from '../../text/width.js';
import type {Lang, Translate} from '../i18n/index.js';
import type {DraftRecord} from '../services.js';
import type {CaptureState} from '../state/case.js';
import type {EligibilityLine} from './eligibilityModel.js';

export type MaterialsLine = EligibilityLine;

function wrapped(text: string, width: number, tone: MaterialsLine['tone'], indent = 0): MaterialsLine[] {
	const pad = ' '.repeat(indent);
	return wrapToWidth(text, Math.max(1, width - indent)).map((part) => ({text: pad + part, tone}));
}

export function materialsHeader(
	input: {applicantMasked?: string; draft?: DraftRecord; loading: boolean; page?: string; materials: readonly Material[]},
	t: Translate,
	width: number,
): MaterialsLine[] {
	const {draft, materials} = input;
	const parts = [input.applicantMasked ? t('mat.applicant', {number: input.applicantMasked}) : t('elig.noApplicant')];
	if (draft) parts.push(t('mat.draft', {id: draft.draftId.slice(0, 8)}));
	if (draft?.eligibility) {
		const result = draft.eligibility.result;
		const label = result === 'eligible' || result === 'not_eligible' || result === 'needs_checking' ? t(`rev.result.${result}`) : result;
		parts.push(t('mat.eligibility', {result: label, version: draft.eligibility.ruleVersion}));
	}
	const lines = wrapped(parts.join('  '), width, 'muted');
	if (input.loading) lines.push({text: t('mat.loading'), tone: 'muted'});
	const captured = (m: Material) => Boolean(draft?.materials.find((d) => d.code === m.code)?.sha256);
	const required = materials.filter((m) => m.required);
	lines.push({
		text: t('mat.summary', {captured: materials.filter(captured).length, total: materials.length, required: required.length, requiredCaptured: required.filter(captured).length}),
		tone: required.every(captured) ? 'ok' : 'warn',
	});
	if (input.page) lines.push({text: t('mat.page', {page: input.page}), tone: 'muted'});
	return lines;
}

/** Two lines per material; the selected one is marked with '>' (ASCII, fixed width). */
export function materialRows(materials: readonly Material[], draft: DraftRecord | undefined, selected: number, t: Translate, width: number): MaterialsLine[][] {
	return materials.map((m, index) => {
		const record = draft?.materials.find((d) => d.code === m.code);
		const mark = index === selected ? '> ' : '  ';
		const tone = index === selected ? 'selected' : 'body';
		const state = [record?.sha256 ? t('mat.state.captured', {sha: record.sha256.slice(0, 12)}) : t('mat.state.none')];
		if (record?.originalVerified) state.push(t('mat.state.verified'));
		const first = `${mark}${m.code} [${t(m.required ? 'mat.required' : 'mat.optional')}] ${m.name}`;
		const second = `    ${t('mat.counts', {originals: m.originals, copies: m.copies})}  ${state.join('  ')}`;
		return [
			{text: first, tone},
			{text: second, tone: record?.sha256 ? 'ok' : m.required ? 'warn' : 'muted'},
		];
	});
}

/** The window of rows (each `perRow` lines) that keeps `selected` visible in `height` lines. */
export function visibleRows(count: number, selected: number, height: number, perRow = 2): {from: number; to: number} {
	const fit = Math.max(1, Math.floor(height / perRow));
	const from = Math.max(0, Math.min(selected - fit + 1, count - fit, selected));
	return {from: Math.max(0, from), to: Math.min(count, Math.max(0, from) + fit)};
}

/** "[#####-----] 12345/50138" in ASCII, exactly `width` cells or less. */
export function progressBar(bytes: number, total: number, width: number, label: string): string {
	const text = ` ${label}`;
	const barWidth = Math.max(4, Math.min(40, width - text.length - 2));
	const filled = total > 0 ? Math.min(barWidth, Math.round((bytes / total) * barWidth)) : 0;
	return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${text}`;
}

/** Lines above the preview (status, warnings) and below it (size and hash), by capture state. */
export function captureLines(capture: CaptureState, t: Translate, lang: Lang, width: number): {above: MaterialsLine[]; below: MaterialsLine[]} {
	if (capture.status === 'error') {
		return {
			above: [...wrapped(t('cap.error', {message: capture.error?.[lang] ?? ''}), width, 'error'), ...wrapped(t('cap.errorHint'), width, 'muted')],
			below: [],
		};
	}
	if (capture.status === 'running' || !capture.image) {
		const label = capture.total > 0 ? t('cap.progress', {bytes: capture.bytes, total: capture.total}) : t('cap.starting');
		return {above: [{text: progressBar(capture.bytes, capture.total, width, label), tone: 'body'}], below: []};
	}
	const {image} = capture;
	const warnings = image.quality.warnings.flatMap((w) =>
		w === 'dark' || w === 'blurred' || w === 'overexposed' ? wrapped(t(`cap.warn.${w}`), width, 'error') : wrapped(w, width, 'error'),
	);
	const above = warnings.length > 0 ? warnings : [{text: t('cap.ok'), tone: 'ok' as const}];
	if (capture.status === 'saving') above.push({text: t('cap.saving'), tone: 'muted'});
	else if (capture.verifying) above.push(...wrapped(t(capture.keepWhenVerified ? 'cap.keepWhenVerified' : 'cap.verifying'), width, 'muted'));
	if (capture.differed) above.push(...wrapped(t('cap.differed', {count: capture.differed}), width, 'warn'));
	else if (capture.differed === 0) above.push({text: t('cap.verified'), tone: 'ok'});
	return {
		above,
		below: [
			{
				text: `${t('mat.quality', {brightness: Math.round(image.quality.brightness), sharpness: Math.round(image.quality.sharpness)})}  ${t('cap.size', {width: image.width, height: image.height, sha: image.sha256.slice(0, 16)})}`,
				tone: 'muted',
			},
		],
	};
}

/**
 * The preview's colour depth: plain when the settings ask for ASCII only or output is not a
 * terminal; otherwise what the terminal reports (Node's getColorDepth honours FORCE_COLOR,
 * NO_COLOR, COLORTERM and TERM): 24 bits truecolor, 8 bits the 256-colour palette, else plain.
 */
export function previewDepthFor(input: {asciiOnly?: boolean; isTTY?: boolean; colorDepth?: number}): import('../services.js').PreviewDepth {
	if (input.asciiOnly || !input.isTTY || input.colorDepth === undefined) return 'plain';
	if (input.colorDepth >= 24) return 'truecolor';
	if (input.colorDepth >= 8) return 'ansi256';
	return 'plain';
}
