/**
 * Sign-in and the idle lock screen: operator id and PIN (drawn as '*'), the hub's answer (wrong
 * PIN with the attempts left, locked) below. Nothing of the work under a lock is drawn.
 */
import {Box} from 'ink';
import {useConsole} from '../context.js';
import {Line} from '../components/Line.js';
import {TextInputLine} from '../components/TextInputLine.js';
import type {HubState} from '../services.js';
import type {SessionState} from '../state/session.js';

export interface SignInViewProps {
	auth: SessionState;
	hub: HubState;
	width: number;
	height: number;
	/** Screen row of the view's first line (cursor placement). */
	top: number;
}

export function SignInView({auth, hub, width, height, top}: SignInViewProps) {
	const {t, theme} = useConsole();
	const locked = auth.status === 'locked';
	// The demo's operators are made up and printed in the README: tell a newcomer how to get in.
	const demo = hub === 'demo' && !locked;
	const stars = '*'.repeat([...auth.pin].length);
	const title = locked ? t('lock.title', {name: auth.operator?.name ?? '', id: auth.operator?.id ?? ''}) : t('view.signin');
	const pinRow = locked ? top + 3 : top + 4;
	return (
		<Box flexDirection="column" height={height}>
			<Line text={title} width={width} color={theme.color.title} bold />
			<Line text={theme.symbols.rule.repeat(width)} width={width} color={theme.color.muted} />
			<Line text={locked ? t('lock.hint') : t('signin.hint')} width={width} color={theme.color.muted} />
			{locked ? null : (
				<TextInputLine prompt={`${t('signin.operator')}>`} value={auth.idText} focused={auth.field === 'id'} width={width} row={top + 3} />
			)}
			<TextInputLine prompt={`${t('signin.pin')}>`} value={stars} focused={locked || auth.field === 'pin'} width={width} row={pinRow} />
			{auth.busy ? <Line text={t('signin.busy')} width={width} color={theme.color.muted} /> : null}
			{demo ? <Line text={t('signin.demoHint')} width={width} color={theme.color.muted} /> : null}
			{auth.error ? <Line text={`x ${t(auth.error.key, auth.error.params)}`} width={width} color={theme.color.error} /> : null}
		</Box>
	);
}
