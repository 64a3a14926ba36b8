/** Top line: app and view name, operator, branch, hub state, and the per-minute clock. */
import {fitSegments} from '../layout/segments.js';
import {useConsole} from '../context.js';
import {useMinuteClock} from '../hooks/useMinuteClock.js';
import type {MessageKey} from '../i18n/index.js';
import type {ReaderState} from '../../core/ports/reader.js';
import type {HubState} from '../services.js';
import {Line} from './Line.js';
import type {WorkCounts} from '../../core/cases/return-trips.js';
import type {Translate} from '../i18n/index.js';

/** "待办 补正1 领取2 寄递0 逾期1": the long form names each need, the short one the total. */
function workSegment(work: WorkCounts, t: Translate) {
	const total = work.supplement + work.pickup + work.shipment + work.follow_up;
	const overdue = work.overdue > 0 ? ` ${t('topbar.workOverdue', {overdue: work.overdue})}` : '';
	// 整改 only when there is one: a clerk's queue never has any (the hub lists them to supervisors).
	const followUp = work.follow_up > 0 ? ` ${t('topbar.workFollowUp', {follow_up: work.follow_up})}` : '';
	return {text: `${t('topbar.work', {...work})}${followUp}${overdue}`, short: `${t('topbar.workShort', {total})}${overdue}`, priority: 2.5};
}

export interface TopBarProps {
	width: number;
	viewTitle: MessageKey;
	/** The hub's state (kept by the console from the services' change events). */
	hub: HubState;
	/** The signed-in operator (default: the services' operator); none before sign-in. */
	operator?: {id: string; name: string} | null;
	readerState?: ReaderState | undefined;
	/** Cases waiting in the outbox (undefined: no outbox). */
	outboxCount?: number | undefined;
	/** Damaged files set aside and not yet acknowledged: stays in view until they are. */
	quarantined?: number;
	/** What the branch must act on (the work queue, `w`); undefined before the first answer. */
	work?: WorkCounts | undefined;
}

export function TopBar({width, viewTitle, hub: hubState, operator: signedIn, readerState, outboxCount, quarantined = 0, work}: TopBarProps) {
	const {services, t, theme} = useConsole();
	const clock = useMinuteClock(services.clock);
	const operator = signedIn === undefined ? services.operator : signedIn;
	const hub = t('topbar.hub', {state: t(`hub.${hubState}`)});
	const text = fitSegments(
		[
			{text: `${t('app.name')} ${theme.symbols.pointer} ${t(viewTitle)}`, short: t('app.name'), priority: 6},
			// Above everything but the name: a damaged file is something a technician must see.
			...(quarantined > 0 ? [{text: t('topbar.quarantined', {count: quarantined}), short: t('topbar.quarantinedShort', {count: quarantined}), priority: 5.5}] : []),
			...(operator ? [{text: t('topbar.operator', {name: operator.name, id: operator.id}), short: operator.name, priority: 2}] : []),
			{text: t('topbar.branch', {branch: services.operator.branch}), short: services.operator.branch, priority: 1},
			// The hub state and the outbox count belong together: "Hub online | Outbox 2".
			{text: outboxCount === undefined ? hub : `${hub} ${t('topbar.outbox', {count: outboxCount})}`, short: hub, priority: 5},
			...(work ? [workSegment(work, t)] : []),
			...(readerState ? [{text: t('topbar.reader', {state: t(`reader.${readerState}`)}), priority: 4}] : []),
			// Short form drops the date: HH:MM is what the counter needs at a glance.
			{text: clock, short: clock.slice(11), priority: 3},
		],
		width,
	);
	return <Line text={text} width={width} color={theme.color.title} bold />;
}
