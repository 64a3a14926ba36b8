/**
 * The supervisor-PIN prompt (maker-checker, docs/people.md#supervisors-maker-checker), one
 * component for every purpose: the lock screen's unlock and operator switch, and a submit with
 * exceptions. What is approved and for whom on top, the supervisor's own id and PIN (drawn as
 * '*') below, then the hub's answer. Nothing of the work under it is drawn.
 */
import {Box} from 'ink';
import {useConsole} from '../context.js';
import {Line} from '../components/Line.js';
import {TextInputLine} from '../components/TextInputLine.js';
import type {ApprovalPrompt} from '../state/session.js';

export interface SupervisorPromptProps {
	prompt: ApprovalPrompt;
	/** The operator acted for, by name (staff: shown unmasked). */
	makerName: string;
	width: number;
	height: number;
	/** Screen row of the view's first line (cursor placement). */
	top: number;
}

export function SupervisorPrompt({prompt, makerName, width, height, top}: SupervisorPromptProps) {
	const {t, theme} = useConsole();
	// At sign-in nobody is signed in: the operator being unlocked is known by the id typed.
	const title = prompt.purpose === 'submit' ? t('appr.title.submit') : prompt.purpose === 'unlock' && makerName === '' ? t('appr.title.unlockId', {id: prompt.makerId}) : t(`appr.title.${prompt.purpose}`, {name: makerName, id: prompt.makerId});
	const listed = prompt.exceptions.length > 0 ? prompt.exceptions.length + 1 : 0;
	const idRow = top + 3 + listed;
	return (
		<Box flexDirection="column" height={height}>
			<Line text={title} width={width} color={theme.color.title} bold />
			<Line text={theme.symbols.rule.repeat(width)} width={width} color={theme.color.muted} />
			<Line text={t('appr.hint')} width={width} color={theme.color.muted} />
			{listed > 0 ? <Line text={t('appr.exceptions')} width={width} color={theme.color.warn} /> : null}
			{prompt.exceptions.map((e) => (
				<Line key={e} text={`  - ${t(`appr.exception.${e}`)}`} width={width} color={theme.color.warn} />
			))}
			<TextInputLine prompt={`${t('appr.supervisor')}>`} value={prompt.idText} focused={prompt.field === 'id'} width={width} row={idRow} />
			<TextInputLine prompt={`${t('appr.pin')}>`} value={'*'.repeat([...prompt.pin].length)} focused={prompt.field === 'pin'} width={width} row={idRow + 1} />
			{prompt.busy ? <Line text={t('appr.busy')} width={width} color={theme.color.muted} /> : null}
			{prompt.error ? <Line text={`x ${t(prompt.error.key, prompt.error.params)}`} width={width} color={theme.color.error} /> : null}
		</Box>
	);
}
