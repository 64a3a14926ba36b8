/**
 * The materials step: the checklist of the implementation list, or, while a material is being
 * captured, the capture screen (progress bar, then the preview with the quality warnings above
 * it). The preview's lines come from src/core/imaging/halfblock.ts, exactly `width` cells wide,
 * each on its own line: the ▀ block is ambiguous-width, so it never shares a line with CJK text
 * (docs/architecture.md#cjk-text); plain mode is ASCII shades only.
 */
import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {renderHalfBlocks} from '../../core/imaging/halfblock.js';
import type {Material} from '../../core/catalog/model.js';
import {Line} from '../components/Line.js';
import {useConsole} from '../context.js';
import type {DraftRecord, PreviewDepth} from '../services.js';
import type {MaterialsState} from '../state/case.js';
import type {Theme} from '../theme.js';
import type {EligibilityTone} from './eligibilityModel.js';
import {captureLines, materialRows, visibleRows, type MaterialsLine} from './materialsModel.js';

export interface MaterialsViewProps {
	title: string;
	header: readonly MaterialsLine[];
	step: MaterialsState;
	/** The case's draft, when it is this checklist's. */
	draft: DraftRecord | undefined;
	materials: readonly Material[];
	previewDepth: PreviewDepth;
	width: number;
	height: number;
}

/** Preview rows at most: enough to recognise a page, short enough to leave room for the text. */
const MAX_PREVIEW_ROWS = 16;

function toneColor(tone: EligibilityTone, theme: Theme): string | undefined {
	return {heading: theme.color.accent, body: undefined, muted: theme.color.muted, ok: theme.color.info, warn: theme.color.warn, error: theme.color.error, selected: theme.color.selected}[tone];
}

function Lines({lines, width, prefix}: {lines: readonly MaterialsLine[]; width: number; prefix: string}) {
	const {theme} = useConsole();
	return (
		<>
			{lines.map((line, index) => (
				<Line key={`${prefix}${index}`} text={line.text} width={width} color={toneColor(line.tone, theme)} bold={line.tone === 'error' || line.tone === 'selected'} />
			))}
		</>
	);
}

function Preview({step, depth, width, rows}: {step: MaterialsState; depth: PreviewDepth; width: number; rows: number}) {
	const image = step.capture?.image;
	const lines = useMemo(() => (image && rows > 0 ? renderHalfBlocks(image.pixels, {columns: width, rows, mode: depth}) : []), [image, width, rows, depth]);
	return (
		<>
			{lines.map((line, index) => (
				<Text key={`p${index}`} wrap="truncate-end">
					{line}
				</Text>
			))}
		</>
	);
}

export function MaterialsView({title, header, step, draft, materials, previewDepth, width, height}: MaterialsViewProps) {
	const {t, lang, theme} = useConsole();
	const capture = step.capture;
	if (capture) {
		const material = materials.find((m) => m.code === capture.materialCode);
		const {above, below} = captureLines(capture, t, lang, width);
		const room = height - 1 - above.length - below.length;
		const previewRows = capture.image ? Math.max(0, Math.min(MAX_PREVIEW_ROWS, room)) : 0;
		return (
			<Box flexDirection="column" height={height} overflow="hidden">
				<Line text={t('cap.title', {code: capture.materialCode, name: material?.name ?? ''})} width={width} color={theme.color.title} bold />
				<Lines lines={above.slice(0, Math.max(0, height - 1))} width={width} prefix="a" />
				<Preview step={step} depth={previewDepth} width={width} rows={previewRows} />
				<Lines lines={below.slice(0, Math.max(0, room))} width={width} prefix="b" />
			</Box>
		);
	}
	const shownHeader = header.slice(0, Math.max(0, height - 3));
	const rows = materialRows(materials, draft, step.selected, t, width);
	const listHeight = Math.max(2, height - 1 - shownHeader.length);
	const window = visibleRows(rows.length, step.selected, listHeight);
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Line text={title} width={width} color={theme.color.title} bold />
			<Lines lines={shownHeader} width={width} prefix="h" />
			{rows.length === 0 ? <Line text={t('mat.empty')} width={width} color={theme.color.muted} /> : null}
			<Lines lines={rows.slice(window.from, window.to).flat()} width={width} prefix={`r${window.from}-`} />
		</Box>
	);
}
