import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {createTranslator} from '../i18n/index.js';
import {buildHintLine, hintEntries} from './hints.js';
import {bindingsFor, findBinding, KEYMAP, keysLabel, type Keymap} from './keymap.js';
import {routeAll} from './router.js';
import {tokenize} from './tokens.js';

const zh = createTranslator('zh-CN');
const en = createTranslator('en');

function key(overrides: Partial<Key> = {}): Key {
	return {
		upArrow: false,
		downArrow: false,
		leftArrow: false,
		rightArrow: false,
		pageDown: false,
		pageUp: false,
		home: false,
		end: false,
		return: false,
		escape: false,
		ctrl: false,
		shift: false,
		tab: false,
		backspace: false,
		delete: false,
		meta: false,
		super: false,
		hyper: false,
		capsLock: false,
		numLock: false,
		...overrides,
	};
}

describe('keymap table', () => {
	it('has no key bound twice within one scope', () => {
		const seen = new Set<string>();
		for (const binding of KEYMAP) {
			for (const k of binding.keys) {
				const id = `${binding.scope}:${k}`;
				expect(seen.has(id), id).toBe(false);
				seen.add(id);
			}
		}
	});

	it('looks up the focused scope before the global one', () => {
		expect(findBinding('escape', ['input', 'global'])?.action).toBe('input.cancel');
		expect(findBinding('escape', ['search', 'global'])?.action).toBe('app.back');
		expect(findBinding('j', ['detail', 'global'])?.action).toBe('detail.down');
	});

	it('in a text field, printable global keys are not offered (q types q), ctrl+c still is', () => {
		const quit = bindingsFor('input').find((binding) => binding.action === 'app.quit');
		expect(quit && keysLabel(quit, 'input')).toBe('ctrl+c');
		expect(bindingsFor('input').some((binding) => binding.action === 'app.help')).toBe(false);
	});
});

describe('hint line', () => {
	it('is generated from the table: labels of hinted bindings, help first, then the view\'s own, then global', () => {
		const line = buildHintLine('search', zh, 200);
		const expected = KEYMAP.filter((b) => b.hint && (b.scope === 'global' || b.scope === 'search'));
		for (const binding of expected) expect(line).toContain(`${keysLabel(binding)} ${zh(binding.label)}`);
		expect(line.startsWith(`? ${zh('key.help')}  enter ${zh('key.open')}`)).toBe(true);
		// The view's own keys come before the other global ones (an 80-column line cuts from the end).
		expect(line.indexOf(`m ${zh('key.cycleMode')}`)).toBeLessThan(line.indexOf(`/ ${zh('key.search')}`));
	});

	it('follows a changed table', () => {
		const custom: Keymap = [
			{action: 'app.quit', keys: ['Q'], scope: 'global', label: 'key.quit', hint: true},
			{action: 'list.down', keys: ['n'], scope: 'search', label: 'key.down', hint: true},
			{action: 'list.up', keys: ['e'], scope: 'search', label: 'key.up', hint: false},
		];
		expect(buildHintLine('search', en, 80, custom)).toBe('n down  Q quit');
		expect(hintEntries('search', zh, custom)).toEqual(['n 下移', 'Q 退出']);
	});

	it('at 80 columns the applicant view offers every path to a case: read, agent, typed number, unreadable card (issue 15)', () => {
		for (const t of [zh, en]) {
			const line = buildHintLine('applicant', t, 80);
			for (const key of ['r/enter', 'b', 'n', 'N']) expect(line, line).toMatch(new RegExp(`(^|  )${key} `));
		}
	});

	it('keeps whole entries only, within the width', () => {
		expect(buildHintLine('search', zh, 21)).toBe(`? ${zh('key.help')}`);
		expect(buildHintLine('search', zh, 22)).toBe(`? ${zh('key.help')}  enter ${zh('key.open')}`);
	});
});

describe('tokens and router', () => {
	it('splits a multi-character chunk into one token per character', () => {
		expect(tokenize('jj', key())).toEqual([
			{kind: 'char', char: 'j'},
			{kind: 'char', char: 'j'},
		]);
		expect(tokenize('', key({escape: true, meta: true}))).toEqual([{kind: 'named', name: 'escape'}]);
		expect(tokenize('c', key({ctrl: true}))).toEqual([{kind: 'named', name: 'ctrl+c'}]);
		expect(tokenize('\r', key({return: true}))).toEqual([{kind: 'named', name: 'return'}]);
		// Typed ahead before raw mode, or pasted: the line end is still the Enter key.
		expect(tokenize('/y\r', key())).toEqual([
			{kind: 'char', char: '/'},
			{kind: 'char', char: 'y'},
			{kind: 'named', name: 'return'},
		]);
		expect(tokenize('a\tb\r\n', key())).toEqual([
			{kind: 'char', char: 'a'},
			{kind: 'named', name: 'tab'},
			{kind: 'char', char: 'b'},
			{kind: 'named', name: 'return'},
		]);
		expect(tokenize('a\u0007b', key())).toEqual([
			{kind: 'char', char: 'a'},
			{kind: 'char', char: 'b'},
		]);
	});

	it('routes "jj" in the list as two moves', () => {
		expect(routeAll(tokenize('jj', key()), 'search')).toEqual([
			{kind: 'action', action: 'list.down'},
			{kind: 'action', action: 'list.down'},
		]);
	});

	it('routes an IME chunk in a text field as one text event, q included', () => {
		expect(routeAll(tokenize('养老q', key()), 'input')).toEqual([{kind: 'text', text: '养老q'}]);
		expect(routeAll(tokenize('q', key()), 'search')).toEqual([{kind: 'action', action: 'app.quit'}]);
	});

	it('drops control characters from pasted text', () => {
		expect(routeAll(tokenize('ab\u0007c', key()), 'palette')).toEqual([{kind: 'text', text: 'abc'}]);
	});
});
