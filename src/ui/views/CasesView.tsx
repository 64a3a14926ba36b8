/**
 * Today's cases of this terminal (from the cases index) with their status, and the timeline of
 * the selected one: the 收 → 分 → 转 → 审 → 汇 stages reached, then each step with node and time.
 */
import {Box} from 'ink';
import {CASE_STATUSES, stageOf, type Stage} from '../../core/cases/model.js';
import {timeline} from '../../core/cases/tracking.js';
import {needsFollowUp} from '../../core/cases/evaluation.js';
import {trackingLines} from '../../text/tracking-lines.js';
import {padEndToWidth, truncateToWidth} from '../../text/width.js';
import {useConsole} from '../context.js';
import {Line} from '../components/Line.js';
import {formatMinute} from '../../text/time.js';
import type {CaseRow} from '../services.js';

export interface CasesViewProps {
	rows: CaseRow[];
	selected: number;
	polledAt: Date | undefined;
	retryInMs: number | undefined;
	width: number;
	height: number;
}

/** Stages in flow order, from the status list (core owns the mapping). */
const STAGES: Stage[] = [...new Set(CASE_STATUSES.map(stageOf))];

/** Lines under the stage line; at most 3 of them for the return trips, so the latest steps stay. */
const TIMELINE_LINES = 6;
const TRIP_LINES = 3;

const hhmm = (iso: string) => formatMinute(new Date(iso)).slice(11);

function casesListHeight(height: number): number {
	// Title, rule, header; then the timeline takes a rule, its title, the stage line and 6 lines:
	// the latest steps, the return trips (补正, 寄递, 送达) in place of the oldest of them.
	return Math.max(1, height - 3 - 9);
}

export function CasesView({rows, selected, polledAt, retryInMs, width, height}: CasesViewProps) {
	const {t, theme, lang} = useConsole();
	const listRows = casesListHeight(height);
	const first = Math.max(0, Math.min(selected - listRows + 1, rows.length - listRows));
	const shown = rows.slice(Math.max(0, first), Math.max(0, first) + listRows);
	const current = rows[selected];
	const status = retryInMs !== undefined ? t('cases.pollFailed', {seconds: Math.round(retryInMs / 1000)}) : polledAt ? t('cases.polled', {time: formatMinute(polledAt).slice(11)}) : '';
	const cols = {id: 22, status: 10, applicant: 10, updated: 6, evaluation: 10};
	const row = (id: string, st: string, applicant: string, updated: string, evaluation: string, item: string) =>
		`${padEndToWidth(truncateToWidth(id, cols.id), cols.id)} ${padEndToWidth(truncateToWidth(st, cols.status), cols.status)} ${padEndToWidth(truncateToWidth(applicant, cols.applicant), cols.applicant)} ${padEndToWidth(updated, cols.updated)} ${padEndToWidth(truncateToWidth(evaluation, cols.evaluation), cols.evaluation)} ${item}`;
	const steps = current ? timeline(current) : [];
	const trips = current?.returnTrips ? trackingLines(current.returnTrips, lang).slice(0, TRIP_LINES) : [];
	// 好差评: the citizen's evaluation, then its follow-up (整改) or that one is due.
	const evaluation = current?.evaluation;
	const evaluationLines = evaluation
		? [
				{text: t('cases.evaluation', {level: t(`eval.${evaluation.level}`), at: formatMinute(new Date(evaluation.evaluatedAt)), reason: evaluation.reason ?? ''}), bad: needsFollowUp(evaluation)},
				...(evaluation.followUp
					? [{text: t('cases.followUp', {at: formatMinute(new Date(evaluation.followUp.at)), operatorId: evaluation.followUp.operatorId, note: evaluation.followUp.note}), bad: false}]
					: needsFollowUp(evaluation)
						? [{text: t('cases.followUpDue'), bad: true}]
						: []),
			]
		: [];
	const reached = new Set(steps.map((s) => s.stage));
	const currentStage = current ? stageOf(current.status) : undefined;
	const stageLine = STAGES.map((stage) => (stage === currentStage ? `[${stage}]` : reached.has(stage) ? `${stage}*` : ` ${stage} `)).join(' -> ');
	return (
		<Box flexDirection="column" height={height}>
			<Line text={`${t('cases.title', {count: rows.length})}  ${status}`} width={width} color={retryInMs !== undefined ? theme.color.warn : theme.color.title} bold />
			<Line text={theme.symbols.rule.repeat(width)} width={width} color={theme.color.muted} />
			{rows.length === 0 ? (
				<Line text={t('cases.empty')} width={width} color={theme.color.muted} />
			) : (
				<>
					<Line text={`  ${row(t('cases.col.id'), t('cases.col.status'), t('cases.col.applicant'), t('cases.col.updated'), t('cases.col.eval'), t('cases.col.item'))}`} width={width} color={theme.color.muted} />
					{shown.map((c) => {
						const isSelected = c === current;
						return (
							<Line
								key={c.caseId}
								text={`${isSelected ? theme.symbols.pointer : ' '} ${row(c.caseId, t(`status.${c.status}`), c.applicantMasked, hhmm(c.updatedAt), c.evaluation ? t(`cases.mark.${c.evaluation.level}`) : '', c.itemCode)}`}
								width={width}
								color={isSelected ? theme.color.selected : undefined}
							/>
						);
					})}
				</>
			)}
			{current ? (
				<>
					<Line text={theme.symbols.rule.repeat(width)} width={width} color={theme.color.muted} />
					<Line text={t('cases.timeline', {id: current.caseId})} width={width} color={theme.color.accent} bold />
					<Line text={`  ${stageLine}${current.agentMasked ? `  ${t('cases.agent', {name: current.agentMasked})}` : ''}`} width={width} />
					{steps.slice(-Math.max(1, TIMELINE_LINES - trips.length - evaluationLines.length)).map((step, index) => (
						<Line key={index} text={`  ${step.stage}  ${hhmm(step.at)}  ${padEndToWidth(t(`status.${step.status}`), 10)} ${step.node}${step.note ? `  ${step.note}` : ''}`} width={width} />
					))}
					{trips.map((line, index) => (
						<Line key={`trip${index}`} text={`  ${line}`} width={width} color={theme.color.accent} />
					))}
					{evaluationLines.map((line, index) => (
						<Line key={`eval${index}`} text={`  ${line.text}`} width={width} color={line.bad ? theme.color.warn : theme.color.info} />
					))}
				</>
			) : null}
		</Box>
	);
}
