/**
 * One capture on screen, for the materials step and the return trips alike: the progress bar,
 * then the preview with the quality warnings above it. The preview's lines come from
 * src/core/imaging/halfblock.ts, exactly `width` cells wide, each on its own line: the ▀ block is
 * ambiguous-width, so it never shares a line with CJK text (docs/architecture.md#cjk-text); plain
 * mode is ASCII shades only.
 */
import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {renderHalfBlocks} from '../../core/imaging/halfblock.js';
import {Line} from '../components/Line.js';
import {useConsole} from '../context.js';
import type {CapturedImage, PreviewDepth} from '../services.js';
import type {CaptureState} from '../state/case.js';
import type {Theme} from '../theme.js';
import type {EligibilityTone} from './eligibilityModel.js';
import {captureLines, type MaterialsLine} from './materialsModel.js';

function toneColor(tone: EligibilityTone, theme: Theme): string | undefined {
	return {heading: theme.color.accent, body: undefined, muted: theme.color.muted, ok: theme.color.info, warn: theme.color.warn, error: theme.color.error, selected: theme.color.selected}[tone];
}

export function Lines({lines, width, prefix}: {lines: readonly MaterialsLine[]; width: number; prefix: string}) {
	const {theme} = useConsole();
	return (
		<>
			{lines.map((line, index) => (
				<Line key={`${prefix}${index}`} text={line.text} width={width} color={toneColor(line.tone, theme)} bold={line.tone === 'error' || line.tone === 'selected'} />
			))}
		</>
	);
}

/** Preview rows at most: enough to recognise a page, short enough to leave room for the text. */
const MAX_PREVIEW_ROWS = 16;

function Preview({image, depth, width, rows}: {image: CapturedImage | undefined; depth: PreviewDepth; width: number; rows: number}) {
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

export interface CaptureScreenProps {
	capture: CaptureState;
	/** The material's name (the code is the capture's). */
	name: string;
	previewDepth: PreviewDepth;
	width: number;
	height: number;
}

export function CaptureScreen({capture, name, previewDepth, width, height}: CaptureScreenProps) {
	const {t, lang, theme} = useConsole();
	const {above, below} = captureLines(capture, t, lang, width);
	const room = height - 1 - above.length - below.length;
	const previewRows = capture.image ? Math.max(0, Math.min(MAX_PREVIEW_ROWS, room)) : 0;
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Line text={t('cap.title', {code: capture.materialCode, name})} width={width} color={theme.color.title} bold />
			<Lines lines={above.slice(0, Math.max(0, height - 1))} width={width} prefix="a" />
			<Preview image={capture.image} depth={previewDepth} width={width} rows={previewRows} />
			<Lines lines={below.slice(0, Math.max(0, room))} width={width} prefix="b" />
		</Box>
	);
}
