import {describe, expect, it} from 'vitest';
import {EVALUATION_LEVELS, needsFollowUp} from './evaluation.js';

describe('好差评 levels', () => {
	it('are five, best first, and only the two bad ones need a follow-up', () => {
		expect(EVALUATION_LEVELS).toHaveLength(5);
		expect(EVALUATION_LEVELS.filter((level) => needsFollowUp({level}))).toEqual(['dissatisfied', 'very_dissatisfied']);
	});
});
