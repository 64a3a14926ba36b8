import {describe, expect, it} from 'vitest';
import {createFakeCatalogService} from '../../test-utils/fixtures.js';
import {cycle, parseModeArg, parseRegionArg, parseTypeArg, provincesInCatalog} from '../state/filters.js';
import {COMMANDS, completeCommand, matchCommands, resolveCommand, splitCommandLine} from './commands.js';

describe('palette commands', () => {
	it('every name and alias is unique', () => {
		const names = COMMANDS.flatMap((command) => command.names);
		expect(new Set(names).size).toBe(names.length);
	});

	it('splits the command word from its arguments', () => {
		expect(splitCommandLine(':Region  51 ')).toEqual({word: 'region', args: '51'});
		expect(splitCommandLine('search 养老 保险')).toEqual({word: 'search', args: '养老 保险'});
	});

	it('resolves names, aliases and prefixes', () => {
		expect(resolveCommand('q', 0)?.command.id).toBe('quit');
		expect(resolveCommand('r 51', 0)).toMatchObject({command: {id: 'region'}, args: '51'});
		expect(resolveCommand('lan en', 0)).toMatchObject({command: {id: 'lang'}, args: 'en'});
		expect(resolveCommand('zzz', 0)).toBeUndefined();
		expect(matchCommands('').length).toBe(COMMANDS.length);
		expect(completeCommand('reg', 0)).toBe('region ');
	});
});

describe('filter arguments', () => {
	const catalog = createFakeCatalogService();
	it.each([
		['51', '51'],
		['510000', '51'],
		['510100', '5101'],
		['510107', '510107'],
		['52', undefined],
		['5x', undefined],
	])('region %s → %s', (arg, expected) => {
		expect(parseRegionArg(arg, catalog)).toBe(expected);
	});

	it('accepts mode ids and names in both languages', () => {
		expect(parseModeArg('proxy')).toBe('proxy');
		expect(parseModeArg('代办')).toBe('proxy');
		expect(parseModeArg('全程网办')).toBe('online');
		expect(parseModeArg('Joint')).toBe('joint');
		expect(parseModeArg('fast')).toBeUndefined();
	});

	it('accepts item type codes', () => {
		expect(parseTypeArg('7')).toBe('07');
		expect(parseTypeArg('20')).toBe('20');
		expect(parseTypeArg('99')).toBeUndefined();
	});

	it('cycles through values and back to no filter', () => {
		expect(provincesInCatalog(catalog)).toEqual(['33', '44', '51']);
		expect(cycle(['a', 'b'], undefined)).toBe('a');
		expect(cycle(['a', 'b'], 'a')).toBe('b');
		expect(cycle(['a', 'b'], 'b')).toBeUndefined();
	});
});
