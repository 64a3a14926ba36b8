import {describe, expect, it} from 'vitest';
import {checkAnswer, parseAnswer} from './answers.js';
import type {Question} from './model.js';

const t = {'zh-CN': '问', en: 'q'};
const yesno: Question = {id: 'lost', type: 'yesno', text: t};
const date: Question = {id: 'when', type: 'date', text: t};
const num: Question = {id: 'n', type: 'number', text: t, min: 0, max: 10};
const choice: Question = {id: 'c', type: 'choice', text: t, choices: [{value: 'a', text: t}, {value: 'b', text: t}]};
const multi: Question = {...choice, id: 'm', multiple: true};

describe('answers', () => {
	it.each([
		[yesno, 'yes', true],
		[yesno, '否', false],
		[yesno, 'N', false],
		[date, '2026-02-28', '2026-02-28'],
		[num, '7', 7],
		[choice, 'b', 'b'],
		[multi, 'a, b,a', ['a', 'b']],
	])('%o accepts %s', (question, raw, value) => {
		expect(parseAnswer(question, raw)).toEqual({ok: true, value});
	});

	it.each([
		[yesno, 'maybe'],
		[date, '2026-02-30'],
		[num, '11'],
		[num, 'ten'],
		[choice, 'z'],
		[multi, 'a,z'],
	])('%o rejects %s, naming the question', (question, raw) => {
		const result = parseAnswer(question, raw);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem.en).toContain(question.id);
	});

	it('checks typed answers from the console', () => {
		expect(checkAnswer(yesno, 'yes').ok).toBe(false);
		expect(checkAnswer(multi, ['a']).ok).toBe(true);
		expect(checkAnswer(choice, ['a']).ok).toBe(false);
	});
});
