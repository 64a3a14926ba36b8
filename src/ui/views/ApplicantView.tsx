/** The applicant panel: the card's fields (masked), expiry warnings, manual entry and the reveal confirmation. */
import {Box} from 'ink';
import {maskName} from '../../core/identity/mask.js';
import {padEndToWidth} from '../../text/width.js';
import {useConsole} from '../context.js';
import {Line} from '../components/Line.js';
import {TextInputLine} from '../components/TextInputLine.js';
import {validateTyped} from '../idNumber.js';
import type {ApplicantState} from '../state/case.js';
import {applicantLines, firstError, type LineLevel} from './applicantModel.js';

export interface ApplicantViewProps {
	applicant: ApplicantState;
	demoCard: string | undefined;
	hasDemo: boolean;
	width: number;
	height: number;
	top: number;
}

const LABEL_WIDTH = 12;

export function ApplicantView({applicant, demoCard, hasDemo, width, height, top}: ApplicantViewProps) {
	const {t, theme, lang, services} = useConsole();
	const colour = (level: LineLevel) =>
		({normal: undefined, ok: theme.color.info, warn: theme.color.warn, error: theme.color.error, muted: theme.color.muted})[level];
	const manualCheck = applicant.manualNumber ? validateTyped(applicant.manualNumber, services) : undefined;
	const lines = applicantLines(applicant, t, lang, manualCheck);
	const typing = applicant.manual;
	const typingCheck = typing ? validateTyped(typing, services) : undefined;
	// 委托代办: the agent's card on its own line above the applicant (docs/people.md#agents-委托代办).
	const agent = applicant.agent;
	const above = agent ? 1 : 0;
	return (
		<Box flexDirection="column" height={height}>
			<Line text={t('applicant.title')} width={width} color={theme.color.title} bold />
			<Line text={theme.symbols.rule.repeat(width)} width={width} color={theme.color.muted} />
			{agent ? <Line text={t('applicant.agent', {name: agent.display.name, number: agent.display.number})} width={width} color={theme.color.info} /> : null}
			{lines.length === 0 && !agent ? <Line text={t('applicant.none')} width={width} color={theme.color.muted} /> : null}
			{lines.length === 0 && hasDemo && !agent ? <Line text={t('applicant.noneDemo')} width={width} color={theme.color.muted} /> : null}
			{lines.map((line, index) => (
				<Line key={index} text={`${padEndToWidth(line.label, LABEL_WIDTH)} ${line.value}`} width={width} color={colour(line.level)} />
			))}
			{hasDemo && demoCard ? <Line text={t('applicant.demoCard', {card: demoCard})} width={width} color={theme.color.muted} /> : null}
			{applicant.confirmReveal ? <Line text={t('applicant.confirmReveal')} width={width} color={theme.color.warn} bold /> : null}
			{applicant.typed && applicant.manualNumber ? <Line text={`${maskName(applicant.typed.name)} ${t(agent ? 'applicant.typedAgent' : 'applicant.typed')}`} width={width} color={theme.color.warn} /> : null}
			{applicant.manualName !== undefined ? (
				<>
					<Line text={t('applicant.typedHint')} width={width} color={theme.color.muted} />
					<Line text={t('applicant.manualKind', {kind: applicant.manualKind ? t(`kind.${applicant.manualKind}`) : t('applicant.manualKindAuto')})} width={width} color={theme.color.muted} />
					<TextInputLine prompt={t('applicant.typedPrompt')} value={applicant.manualName} focused={!applicant.confirmSighted} width={width} row={top + above + lines.length + 4 + (applicant.typed ? 1 : 0) + (hasDemo && demoCard ? 1 : 0)} />
					{applicant.confirmSighted ? <Line text={t(agent ? 'applicant.confirmPoa' : 'applicant.confirmSighted')} width={width} color={theme.color.warn} bold /> : null}
				</>
			) : null}
			{typing !== undefined ? (
				<>
					<Line text={t('applicant.manualHint')} width={width} color={theme.color.muted} />
					<Line text={t('applicant.manualKind', {kind: applicant.manualKind ? t(`kind.${applicant.manualKind}`) : t('applicant.manualKindAuto')})} width={width} color={theme.color.muted} />
					<TextInputLine prompt={t('applicant.manualPrompt')} value={typing} focused width={width} row={top + above + lines.length + 4 + (lines.length === 0 && !agent ? 1 + (hasDemo ? 1 : 0) : 0) + (hasDemo && demoCard ? 1 : 0)} />
					{typingCheck ? (
						<Line
							text={typingCheck.ok ? t('applicant.manualOk') : (firstError(typingCheck, lang) ?? '')}
							width={width}
							color={typingCheck.ok ? theme.color.info : theme.color.error}
						/>
					) : null}
				</>
			) : null}
		</Box>
	);
}
