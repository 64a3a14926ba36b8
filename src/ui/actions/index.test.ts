import {describe, expect, it} from 'vitest';
import {KEYMAP} from '../keys/keymap.js';
import {ACTIONS, appActions} from './index.js';
import {caseActions} from './case.js';
import {searchActions} from './search.js';
import {workActions} from './work.js';

describe('key actions', () => {
	it('every action the keymap binds does something, and no two tables claim the same action', () => {
		const unhandled = [...new Set(KEYMAP.map((binding) => binding.action))].filter((action) => !ACTIONS[action]);
		expect(unhandled).toEqual([]);
		const tables = [appActions, searchActions, caseActions, workActions].map((table) => Object.keys(table).length);
		expect(tables.reduce((sum, n) => sum + n, 0)).toBe(Object.keys(ACTIONS).length);
	});
});
