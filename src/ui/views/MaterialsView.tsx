/**
 * The materials step: the checklist of the implementation list, or, while a material is being
 * captured, the capture screen (CaptureScreen.tsx: progress bar, then the preview with the
 * quality warnings above it).
 */
import {Box} from 'ink';
import type {Material} from '../../core/catalog/model.js';
import {Line} from '../components/Line.js';
import {useConsole} from '../context.js';
import type {DraftRecord, PreviewDepth} from '../services.js';
import type {MaterialsState} from '../state/case.js';
import {CaptureScreen, Lines} from './CaptureScreen.js';
import {materialRows, visibleRows, type MaterialsLine} from './materialsModel.js';

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

export function MaterialsView({title, header, step, draft, materials, previewDepth, width, height}: MaterialsViewProps) {
	const {t, theme} = useConsole();
	const capture = step.capture;
	if (capture) {
		const material = materials.find((m) => m.code === capture.materialCode);
		return <CaptureScreen capture={capture} name={material?.name ?? ''} previewDepth={previewDepth} width={width} height={height} />;
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
