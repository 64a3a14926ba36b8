/**
 * The work queue (待办, w) as the flow tests drive it: a row of a need for a masked applicant,
 * waiting for the demo hub to move a seeded case into the queue, and moving the cursor to a row.
 */
import {expect, vi} from 'vitest';
import type {Tui} from './renderTui.js';

/** A queue row of `need` for the applicant shown masked as `who` (selected or not). */
export const hasRow = (tui: Tui, need: string, who: string, selected = false) =>
	tui.frame().split('\n').some((line) => (selected ? line.startsWith(`> ${need}`) : /^[> ] /.test(line) && line.slice(2).startsWith(need)) && line.includes(who));

/** Refreshes the queue until the row is in it (the demo hub moves the seeded cases on its clock). */
export async function waitInQueue(tui: Tui, need: string, who: string) {
	for (let attempt = 0; attempt < 40 && !hasRow(tui, need, who); attempt++) {
		await tui.press('R');
		await vi.waitFor(() => expect(hasRow(tui, need, who)).toBe(true), {timeout: 500, interval: 20}).catch(() => undefined);
	}
	expect(hasRow(tui, need, who), tui.frame()).toBe(true);
}

/** Moves the cursor (from the top) to the queue row of `need` for the applicant shown masked as `who`. */
async function select(tui: Tui, need: string, who: string) {
	const selected = () => hasRow(tui, need, who, true);
	for (let i = 0; i < 8; i++) await tui.press('k');
	for (let i = 0; i < 10 && !selected(); i++) await tui.press('j');
	expect(selected(), tui.frame()).toBe(true);
}

/** Moves to the queue row and opens its return trip, waiting for `shows` (the task's first screen). */
export async function openTask(tui: Tui, need: string, who: string, shows: string) {
	await select(tui, need, who);
	await tui.press('\r');
	await tui.waitForText(shows);
}

/** Refreshes the queue (R) until the row has left it (the hub moved the case on). */
export async function waitGoneFromQueue(tui: Tui, need: string, who: string, timeout?: number) {
	await vi.waitFor(
		async () => {
			await tui.press('R');
			expect(hasRow(tui, need, who)).toBe(false);
		},
		timeout === undefined ? undefined : {timeout},
	);
}
