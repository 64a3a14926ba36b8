/** Top line: app and view name, operator, branch, hub state, and the per-minute clock. */
import {fitSegments} from '../layout/segments.js';
import {useConsole} from '../context.js';
import {useMinuteClock} from '../hooks/useMinuteClock.js';
import type {MessageKey} from '../i18n/index.js';
import {Line} from './Line.js';

export interface TopBarProps {
	width: number;
	viewTitle: MessageKey;
}

export function TopBar({width, viewTitle}: TopBarProps) {
	const {services, t, theme} = useConsole();
	const clock = useMinuteClock(services.clock);
	const {operator} = services;
	const text = fitSegments(
		[
			{text: `${t('app.name')} ${theme.symbols.pointer} ${t(viewTitle)}`, short: t('app.name'), priority: 5},
			{text: t('topbar.operator', {name: operator.name, id: operator.id}), short: operator.name, priority: 2},
			{text: t('topbar.branch', {branch: operator.branch}), short: operator.branch, priority: 1},
			{text: t('topbar.hub', {state: t(`hub.${services.hubState()}`)}), priority: 4},
			// Short form drops the date: HH:MM is what the counter needs at a glance.
			{text: clock, short: clock.slice(11), priority: 3},
		],
		width,
	);
	return <Line text={text} width={width} color={theme.color.title} bold />;
}
