/**
 * Rendering helper for Ink tests (docs/architecture.md#testing-ink-views): ink-testing-library
 * with a settable terminal size, key presses that wait for Ink's ESC flush and React's commit,
 * and polling waits.
 */
import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';
import stringWidth from 'string-width';
import {expect, vi} from 'vitest';
import {App} from '../ui/App.js';
import {createTranslator, type Lang, type Translate} from '../ui/i18n/index.js';
import type {ConsoleServices} from '../ui/services.js';
import type {AppState} from '../ui/state/index.js';
import {createFakeServices} from './fixtures.js';

export const KEYS = {
	escape: '\u001B',
	enter: '\r',
	tab: '\t',
	backspace: '\u007F',
	up: '\u001B[A',
	down: '\u001B[B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
} as const;

/** One macrotask: Ink flushes a lone ESC on setImmediate, React commits on its scheduler. */
const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface TuiOptions {
	columns?: number;
	rows?: number;
}

/**
 * Renders `tree` at the given size and waits until the sized frame is drawn (ink-testing-library
 * creates its stdout at 100 columns, so the first frame is replaced after the resize).
 */
async function renderTui(tree: ReactElement, {columns = 80, rows = 24}: TuiOptions = {}) {
	const result = render(tree);
	const size = {columns, rows};
	Object.defineProperty(result.stdout, 'columns', {get: () => size.columns, configurable: true});
	Object.defineProperty(result.stdout, 'rows', {get: () => size.rows, configurable: true});
	result.stdout.emit('resize');
	const frame = () => result.lastFrame() ?? '';
	const press = async (sequence: string) => {
		result.stdin.write(sequence);
		await macrotask();
		await macrotask();
	};
	await macrotask();
	await macrotask();
	return {
		...result,
		frame,
		lines: () => frame().split('\n'),
		size,
		/** Writes one input chunk (one key, or several characters at once) and waits. */
		press,
		/** Types `text` one character per input event, as a person does. */
		async type(text: string) {
			for (const char of text) await press(char);
		},
		async resize(nextColumns: number, nextRows = size.rows) {
			size.columns = nextColumns;
			size.rows = nextRows;
			result.stdout.emit('resize');
			await macrotask();
			await macrotask();
		},
		/** Polls until `text` is on screen (1 s by default; devices paced at their baud rate take longer). */
		waitForText: (text: string, timeout = 1_000) =>
			vi.waitFor(
				() => {
					if (!frame().includes(text)) throw new Error(`"${text}" not on screen:\n${frame()}`);
				},
				{timeout, interval: 20},
			),
		/** Polls until `text` is gone (vitest's default deadline unless `timeout` is given). */
		waitForNoText: (text: string, timeout?: number) =>
			vi.waitFor(
				() => {
					if (frame().includes(text)) throw new Error(`"${text}" still on screen:\n${frame()}`);
				},
				timeout === undefined ? undefined : {timeout, interval: 20},
			),
	};
}

export type Tui = Awaited<ReturnType<typeof renderTui>>;

/** Renders the whole console over the fixture services (quits through `onQuit`). */
export async function renderConsole(
	options: TuiOptions & {lang?: Lang; services?: ConsoleServices; onQuit?: () => void; initialState?: AppState; onState?: (state: AppState) => void} = {},
) {
	const services = options.services ?? createFakeServices();
	const onQuit = options.onQuit ?? vi.fn();
	const tui = await renderTui(<App services={services} lang={options.lang ?? 'zh-CN'} onQuit={onQuit} initialState={options.initialState} onState={options.onState} />, options);
	return {...tui, services, onQuit};
}

/** The layout invariant: no line of the frame is wider than the terminal. */
export function expectFitsWidth(frame: string, columns: number): void {
	const lines = frame.split('\n');
	const tooWide = lines.filter((line) => stringWidth(line) > columns);
	expect(tooWide, `lines wider than ${columns} columns`).toEqual([]);
}

/** The height invariant: at most rows - 1 lines (docs/architecture.md#flicker-at-full-height). */
export function expectFitsHeight(frame: string, rows: number): void {
	expect(frame.split('\n').length).toBeLessThanOrEqual(rows - 1);
}

/** Both invariants, for the tests that run at several terminal sizes. */
export function fitsIn(columns: number, rows: number): (tui: Tui) => void {
	return (tui) => {
		expectFitsWidth(tui.frame(), columns);
		expectFitsHeight(tui.frame(), rows);
	};
}

/** Signs in at the sign-in screen (the fixtures' demo clerk by default) and waits for the search. */
export async function signIn(tui: Tui, options: {id?: string; pin?: string; t?: Translate} = {}): Promise<void> {
	await tui.press(options.id ?? 'op-1001');
	await tui.press(KEYS.enter);
	await tui.press(options.pin ?? '246810');
	await tui.press(KEYS.enter);
	await tui.waitForText((options.t ?? createTranslator('zh-CN'))('view.search'));
}

/** Searches from the search view and opens the first hit's detail (the fixtures' pension transfer by default). */
export async function openItem(tui: Tui, options: {query?: string; t?: Translate} = {}): Promise<void> {
	await tui.press('/');
	await tui.press(options.query ?? '养老保险关系转移');
	await tui.press(KEYS.enter);
	await tui.waitForText((options.t ?? createTranslator('zh-CN'))('detail.implementationCode'));
}
