/**
 * What the console needs from the reader, without knowing about ports or frames: a state
 * (disconnected | idle | card-present | reading | error), and a decoded card with its display
 * fields already masked, its number checked (GB 11643) and its validity judged for today.
 * Placing a card triggers a read; lifting it returns to idle. UI-agnostic: subscribe and render.
 */
import {cardValidity} from '../../src/core/identity/card.js';
import {validateIdNumber} from '../../src/core/identity/idnumber.js';
import {maskIdNumber, maskName} from '../../src/core/identity/mask.js';
import {systemClock, type Clock} from '../../src/core/ports/clock.js';
import type {IdCard} from '../../src/core/identity/id-card.js';
import {MIN_POLL_MS, type IdReader} from './driver.js';
import {IdReaderError} from './errors.js';
import type {CardDisplay, CardReadEvent, ReaderEvent, ReaderState} from '../../src/core/ports/reader.js';

export interface IdReaderServiceOptions {
	/** Opens (or returns) the driver; called once by start(). The driver reopens its port itself. */
	open: () => Promise<IdReader> | IdReader;
	/** Card polling interval, at least 300 ms (default 500). */
	pollMs?: number;
	/** Read automatically when a card is placed (default true). */
	autoRead?: boolean;
	clock?: Clock;
	isKnownRegion?: (code: string) => boolean;
	isKnownNationality?: (code: string) => boolean;
	lang?: 'zh-CN' | 'en';
}

export interface IdReaderService {
	start(): Promise<void>;
	stop(): Promise<void>;
	readNow(): Promise<CardReadEvent>;
	state(): ReaderState;
	lastCard(): CardReadEvent | undefined;
	/** Returns the unsubscribe function. */
	subscribe(listener: (event: ReaderEvent) => void): () => void;
}

export function createIdReaderService(options: IdReaderServiceOptions): IdReaderService {
	const clock = options.clock ?? systemClock;
	const lang = options.lang ?? 'zh-CN';
	const listeners = new Set<(event: ReaderEvent) => void>();
	let reader: IdReader | undefined;
	let state: ReaderState = 'disconnected';
	let last: CardReadEvent | undefined;
	const detach: Array<() => void> = [];

	const emit = (event: ReaderEvent) => {
		for (const listener of listeners) listener(event);
	};
	const setState = (next: ReaderState, error?: IdReaderError) => {
		if (next === state && !error) return;
		state = next;
		emit(error ? {type: 'state', state: next, error} : {type: 'state', state: next});
	};

	const describe = (card: IdCard): CardReadEvent => {
		const today = clock.now();
		const display: CardDisplay = {
			name: maskName(card.name || card.englishName || ''),
			number: maskIdNumber(card.number),
			kind: card.kind,
			sex: card.sex[lang],
			birthDate: card.birthDate,
			validity: cardValidity({validFrom: card.validFrom, validUntil: card.validUntil}, today),
		};
		if (card.englishName) display.englishName = maskName(card.englishName);
		const event: CardReadEvent = {card, display, readAt: today};
		event.numberCheck = validateIdNumber(card.number, {
			today,
			cardBirthDate: card.birthDate,
			...(options.isKnownRegion ? {isKnownRegion: options.isKnownRegion} : {}),
			...(options.isKnownNationality ? {isKnownNationality: options.isKnownNationality} : {}),
		});
		return event;
	};

	const readNow = async (): Promise<CardReadEvent> => {
		if (!reader) throw new Error('IdReaderService.readNow() before start()');
		setState('reading');
		try {
			const card = await reader.readCard();
			last = describe(card);
			setState('card-present');
			emit({type: 'card', event: last});
			return last;
		} catch (error) {
			if (error instanceof IdReaderError) {
				if (error.code === 'idreader_port_gone' || error.code === 'idreader_not_found') setState('disconnected', error);
				else if (error.code === 'idreader_no_card') setState('idle', error);
				else setState('error', error);
			}
			throw error;
		}
	};

	const on = <E extends 'placed' | 'removed' | 'disconnected' | 'reconnected' | 'fault'>(r: IdReader, name: E, fn: (...args: never[]) => void) => {
		r.on(name, fn as never);
		detach.push(() => r.off(name, fn as never));
	};

	return {
		async start() {
			if (reader) return;
			reader = await options.open();
			const r = reader;
			on(r, 'placed', () => {
				if (options.autoRead ?? true) readNow().catch(() => {});
				else setState('card-present');
			});
			on(r, 'removed', () => setState('idle'));
			on(r, 'disconnected', (error: IdReaderError) => setState('disconnected', error));
			on(r, 'reconnected', () => setState(r.cardPresent ? 'card-present' : 'idle'));
			on(r, 'fault', (error: IdReaderError) => setState('error', error));
			try {
				await r.open();
				await r.samStatus();
				setState('idle');
			} catch (error) {
				if (error instanceof IdReaderError) {
					setState(error.code === 'idreader_sam_fault' ? 'error' : 'disconnected', error);
				} else throw error;
			}
			r.startPolling(Math.max(MIN_POLL_MS, options.pollMs ?? 500));
		},
		async stop() {
			for (const off of detach.splice(0)) off();
			const r = reader;
			reader = undefined;
			await r?.close();
			setState('disconnected');
		},
		readNow,
		state: () => state,
		lastCard: () => last,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}
