/**
 * `tongban cases ship <id> --carrier C --waybill W [--sent-at T]`: records the paper originals
 * sent to the handling department (资料流转, docs/return-trips.md). The waybill is checked where
 * its format is published before anything is sent; the request's idempotency key is derived from
 * the case, carrier and waybill, so running the command again (after a kill, from an end-of-day
 * batch) never records a second shipment (src/core/cases/shipping.ts, shared with the console).
 * Audited as case.ship.
 *
 * `tongban cases ship --batch FILE|-` records a day's shipments from a CSV or TSV file
 * (ship-batch.ts). One form or the other: a case id or --batch, never both, never neither.
 */
import type {Argv, CommandModule} from 'yargs';
import {checkWaybill, isCarrier} from '../../src/core/cases/waybill.js';
import {parseSentAt} from '../../src/core/cases/sent-at.js';
import {recordShipment} from '../../src/core/cases/shipping.js';
import {EXIT, failureCode, InputError} from '../../src/core/errors.js';
import {systemClock} from '../../src/core/ports/clock.js';
import type {Lang} from '../../src/core/lang.js';
import {hubText} from '../../src/i18n/hub.js';
import {osActor} from '../../src/store/audit-store.js';
import {runHandler, type CommandContext} from '../context.js';
import {openSendingSession} from './audit-session.js';
import {withHubOptions, type HubArgs} from './hub-args.js';
import {runShipBatch} from './ship-batch.js';

interface ShipArgs extends HubArgs {
	id?: string;
	batch?: string;
	carrier?: string;
	waybill?: string;
	sentAt?: string;
}

async function shipOne(ctx: CommandContext, args: ShipArgs & {id: string}): Promise<number> {
	if (args.carrier === undefined || args.waybill === undefined) throw new InputError('ship_single_needs');
	const carrier = String(args.carrier).toLowerCase();
	if (!isCarrier(carrier)) throw new InputError('bad_carrier');
	const check = checkWaybill(carrier, String(args.waybill));
	if (!check.ok) throw new InputError(check.reason, {waybill: String(args.waybill), carrier});
	const sentAt = args.sentAt === undefined ? systemClock.now().toISOString() : parseSentAt(String(args.sentAt));
	if (sentAt === undefined) throw new InputError('ship_bad_sent_at', {value: String(args.sentAt)});
	if (check.format === 'unchecked') ctx.err(hubText(ctx.lang, 'ship.unchecked', {carrier, waybill: check.waybill}));
	const {hub, audit} = await openSendingSession(ctx, args);
	const details = {caseId: args.id, carrier, waybill: check.waybill};
	try {
		const {created} = await recordShipment(hub, {caseId: args.id, carrier, waybill: check.waybill, sentAt, operatorId: osActor('clerk').id});
		await audit.record({action: 'case.ship', outcome: 'ok', details: {...details, created}});
		if (ctx.json) ctx.out(JSON.stringify({...details, created}));
		else ctx.out(hubText(ctx.lang, created ? 'ship.done' : 'ship.again', details));
		return EXIT.ok;
	} catch (error) {
		await audit.record({action: 'case.ship', outcome: 'failed', details: {...details, error: failureCode(error)}}).catch(() => undefined);
		throw error;
	} finally {
		await hub.close();
		await audit.close();
	}
}

export function casesShipCommand(lang: Lang): CommandModule<HubArgs, ShipArgs> {
	return {
		command: 'ship [id]',
		describe: hubText(lang, 'cmd.cases.ship'),
		builder: (y: Argv<HubArgs>) =>
			withHubOptions(y, lang)
				.positional('id', {type: 'string', describe: hubText(lang, 'opt.caseId')})
				.option('batch', {type: 'string', nargs: 1, describe: hubText(lang, 'opt.batch')})
				.option('carrier', {type: 'string', describe: hubText(lang, 'opt.carrier')})
				.option('waybill', {type: 'string', describe: hubText(lang, 'opt.waybill')})
				.option('sent-at', {type: 'string', hidden: true}) as unknown as Argv<ShipArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const id = args.id === undefined ? undefined : String(args.id);
				const batch = args.batch === undefined ? undefined : String(args.batch);
				if ((id === undefined) === (batch === undefined) || batch === '') throw new InputError('ship_one_form');
				if (id !== undefined) return shipOne(ctx, {...args, id});
				if (args.carrier !== undefined || args.waybill !== undefined || args.sentAt !== undefined) throw new InputError('ship_batch_options');
				return runShipBatch(ctx, args, batch!);
			}),
	};
}
