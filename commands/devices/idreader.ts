/**
 * `tongban devices idreader probe|status|samid|read`: technician commands over the reader driver.
 * Personal data is masked unless --reveal; --raw dumps frames (read replies shortened unless --reveal,
 * because they carry the card's text).
 */
import type {CommandModule} from 'yargs';
import {cardValidity} from '../../src/core/identity/card.js';
import {isKnownNationality} from '../../src/catalog/nationalities.js';
import {validateIdNumber} from '../../src/core/identity/idnumber.js';
import {maskAddress, maskIdNumber, maskName} from '../../src/core/identity/mask.js';
import {systemClock} from '../../src/core/ports/clock.js';
import type {Lang} from '../../src/core/lang.js';
import {LONG_TERM} from '../../src/core/identity/card.js';
import {type IdCard} from '../../src/core/identity/id-card.js';
import {IdReader} from '../../devices/idreader/driver.js';
import {hex} from '../../devices/idreader/protocol.js';
import {displayWidth, padEndToWidth} from '../../src/text/width.js';
import type {CommandContext, GlobalArgs} from '../context.js';
import {openerFor} from './emulate-opener.js';
import {commandGroup, diagnosedCommand, dt, linkOptions, parseBaud, type DeviceKit, type PortArgs} from './shared.js';

export interface ReaderArgs extends PortArgs {
	raw?: boolean;
}

interface ReadArgs extends ReaderArgs {
	reveal?: boolean;
	address?: boolean;
	fingerprint?: boolean;
}

/** What the reader's subcommands share: the device and its link options. */
function readerKit<A = ReaderArgs>(lang: Lang): DeviceKit<A> {
	return {device: 'idreader', options: (y) => linkOptions(y, dt(lang), {raw: true})};
}

/**
 * Deadlines for one-shot technician commands. The driver's defaults (100 ms for find/select,
 * docs/devices.md#timing-and-deadlines) suit polling at the counter; a single command right
 * after opening a port (a USB adapter settling, a pty whose emulator runs in a busy process) may
 * need longer, and waiting half a second more costs a technician nothing.
 */
const ONE_SHOT_TIMEOUTS = {findMs: 600, selectMs: 600, samMs: 1500} as const;

/** Opens a reader on --port/--baud, runs `body`, and always closes the port. */
export async function withReader<T>(ctx: CommandContext, args: ReaderArgs, reveal: boolean, body: (reader: IdReader) => Promise<T>): Promise<T> {
	const baudRate = parseBaud(ctx.lang, args.baud);
	const port = String(args.port);
	const reader = new IdReader({path: port, baudRate, opener: await openerFor(ctx.lang, port, baudRate), timeouts: ONE_SHOT_TIMEOUTS});
	if (args.raw) {
		const t = dt(ctx.lang);
		reader.on('frame', (direction, frame) => {
			const label = direction === 'tx' ? t('raw.tx') : t('raw.rx');
			const shown = reveal || frame.length <= 64 ? hex(frame) : `${hex(frame.subarray(0, 14))} … (${frame.length} B)`;
			ctx.err(`${label} ${shown}`);
		});
	}
	try {
		await reader.open();
		return await body(reader);
	} finally {
		await reader.close();
	}
}

function probeCommand(lang: Lang): CommandModule<GlobalArgs, ReaderArgs> {
	return diagnosedCommand(readerKit(lang), {
		command: 'probe',
		describe: dt(lang)('cmd.devices.idreader.probe'),
		run: async ({ctx, args, note}) => {
			const id = await withReader(ctx, args, false, async (reader) => {
				await reader.samStatus();
				return reader.samId();
			});
			note.details['samId'] = id;
			return id;
		},
		print: (ctx, args, samId) => {
			const baud = Number(args.baud);
			if (ctx.json) ctx.out(JSON.stringify({ok: true, port: args.port, baud, sam: {status: 'ok', id: samId}}));
			else ctx.out(dt(ctx.lang)('probe.ok', {port: args.port, baud, samId}));
		},
	});
}

function statusCommand(lang: Lang): CommandModule<GlobalArgs, ReaderArgs> {
	return diagnosedCommand(readerKit(lang), {
		command: 'status',
		describe: dt(lang)('cmd.devices.idreader.status'),
		run: ({ctx, args}) => withReader(ctx, args, false, (reader) => reader.samStatus()),
		print: (ctx) => ctx.out(ctx.json ? JSON.stringify({ok: true, sw3: 0x90, status: 'success'}) : dt(ctx.lang)('status.ok')),
	});
}

function samIdCommand(lang: Lang): CommandModule<GlobalArgs, ReaderArgs> {
	return diagnosedCommand(readerKit(lang), {
		command: 'samid',
		describe: dt(lang)('cmd.devices.idreader.samid'),
		run: async ({ctx, args, note}) => {
			const id = await withReader(ctx, args, false, (reader) => reader.samId());
			note.details['samId'] = id;
			return id;
		},
		print: (ctx, args, samId) => ctx.out(ctx.json ? JSON.stringify({samId}) : dt(ctx.lang)('samid.value', {samId})),
	});
}

/** The card as JSON, masked unless `reveal`. The photo is described, never included. */
function cardJson(card: IdCard, lang: Lang, reveal: boolean, today: Date) {
	const validity = cardValidity({validFrom: card.validFrom, validUntil: card.validUntil}, today);
	const check = validateIdNumber(card.number, {today, cardBirthDate: card.birthDate, isKnownNationality});
	return {
		kind: card.kind,
		masked: !reveal,
		name: reveal ? card.name : maskName(card.name),
		...(card.englishName !== undefined ? {englishName: reveal ? card.englishName : maskName(card.englishName)} : {}),
		sex: {code: card.sex.code, name: card.sex[lang]},
		...(card.ethnicity ? {ethnicity: {code: card.ethnicity.code, name: card.ethnicity[lang]}} : {}),
		birthDate: card.birthDate,
		...(card.address !== undefined ? {address: reveal ? card.address : maskAddress(card.address)} : {}),
		number: reveal ? card.number : maskIdNumber(card.number),
		...(card.issuer !== undefined ? {issuer: card.issuer} : {}),
		validFrom: card.validFrom,
		validUntil: card.validUntil,
		validity: {status: validity.status, ...(validity.daysLeft !== undefined ? {daysLeft: validity.daysLeft} : {}), message: validity[lang]},
		...(card.passNumber !== undefined ? {passNumber: reveal ? card.passNumber : maskIdNumber(card.passNumber)} : {}),
		...(card.issueCount !== undefined ? {issueCount: card.issueCount} : {}),
		...(card.nationality !== undefined ? {nationality: card.nationality} : {}),
		...(card.appendedAddress !== undefined ? {appendedAddress: reveal ? card.appendedAddress : maskAddress(card.appendedAddress)} : {}),
		photo: {format: 'WLT', decoded: false, bytes: card.photo.bytes.length, sha256: card.photo.sha256},
		...(card.fingerprint ? {fingerprint: {bytes: card.fingerprint.length}} : {}),
		...(check ? {numberCheck: {ok: check.ok, problems: check.problems.map((p) => ({code: p.code, severity: p.severity, message: p[lang]}))}} : {}),
	};
}

function printCard(ctx: CommandContext, card: IdCard, reveal: boolean): void {
	const t = dt(ctx.lang);
	const j = cardJson(card, ctx.lang, reveal, systemClock.now());
	const rows: Array<[string, string]> = [
		[t('read.field.kind'), t(`read.kind.${card.kind}`)],
		[t('read.field.name'), j.name],
	];
	if (j.englishName) rows.push([t('read.field.englishName'), j.englishName]);
	rows.push([t('read.field.sex'), j.sex.name]);
	if (j.ethnicity) rows.push([t('read.field.ethnicity'), j.ethnicity.name]);
	rows.push([t('read.field.birthDate'), j.birthDate]);
	if (j.nationality) rows.push([t('read.field.nationality'), j.nationality]);
	if (j.address) rows.push([t('read.field.address'), j.address]);
	rows.push([t('read.field.number'), j.number]);
	if (j.passNumber) rows.push([t('read.field.passNumber'), `${j.passNumber}${j.issueCount ? ` (${t('read.field.issueCount')} ${j.issueCount})` : ''}`]);
	if (j.issuer) rows.push([t('read.field.issuer'), j.issuer]);
	const until = card.validUntil === LONG_TERM ? t('read.longTerm') : card.validUntil;
	rows.push([t('read.field.validity'), `${card.validFrom} – ${until}`]);
	rows.push([t('read.field.status'), j.validity.message]);
	if (j.appendedAddress) rows.push([t('read.field.appendedAddress'), j.appendedAddress]);
	rows.push([t('read.field.photo'), t('read.photo', {bytes: j.photo.bytes, sha256: j.photo.sha256})]);
	if (j.fingerprint) rows.push([t('read.field.fingerprint'), t('read.fingerprint', {bytes: j.fingerprint.bytes})]);
	if (j.numberCheck) {
		rows.push([t('read.field.numberCheck'), j.numberCheck.problems.length === 0 ? t('read.numberOk') : j.numberCheck.problems.map((p) => p.message).join('；')]);
	}
	const width = Math.max(...rows.map(([label]) => displayWidth(label)));
	for (const [label, value] of rows) ctx.out(`${padEndToWidth(label, width)}  ${value}`);
	if (!reveal) ctx.err(t('read.masked'));
}

function readCommand(lang: Lang): CommandModule<GlobalArgs, ReadArgs> {
	const t = dt(lang);
	return diagnosedCommand(readerKit<ReadArgs>(lang), {
		command: 'read',
		describe: t('cmd.devices.idreader.read'),
		options: (y) =>
			y
				.option('reveal', {type: 'boolean', describe: t('opt.reveal')})
				.option('address', {type: 'boolean', describe: t('opt.address')})
				.option('fingerprint', {type: 'boolean', describe: t('opt.fingerprint')}),
		run: async ({ctx, args, note, record}) => {
			const reveal = Boolean(args.reveal);
			note.details['revealed'] = reveal;
			const read = await withReader(ctx, args, reveal, (reader) => reader.readCard({address: Boolean(args.address), fingerprint: Boolean(args.fingerprint)}));
			// As the console's card.read: the number masked, the card text and photo as digests.
			Object.assign(note.details, {
				kind: read.kind,
				idNumberMasked: maskIdNumber(read.number),
				textSha256: read.textSha256 ?? '',
				photoSha256: read.photo.sha256,
				fingerprintBytes: read.fingerprint?.length ?? 0,
			});
			// --reveal puts the full card on the technician's screen: recorded like the console's reveal.
			if (reveal) await record({action: 'card.reveal', outcome: 'ok', target: {devicePath: String(args.port)}, details: {idNumberMasked: maskIdNumber(read.number), reason: 'technician_cli_reveal'}});
			return read;
		},
		print: (ctx, args, card) => {
			const reveal = Boolean(args.reveal);
			if (ctx.json) ctx.out(JSON.stringify(cardJson(card, ctx.lang, reveal, systemClock.now()), null, 2));
			else printCard(ctx, card, reveal);
		},
	});
}

export function idreaderCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return commandGroup('idreader', dt(lang)('cmd.devices.idreader'), [probeCommand(lang), statusCommand(lang), samIdCommand(lang), readCommand(lang)]);
}
