/**
 * Answers to an item's questions: parsing what an operator typed ("yes", "2026-03-01",
 * "residence-proof,pledge") and checking typed answers handed in by the console. Problems are
 * reported in both languages; nothing here throws.
 */
import {isDay} from './dates.js';
import type {FactValue, Question, Text} from './model.js';

export type AnswerCheck = {ok: true; value: FactValue} | {ok: false; problem: Text};

const YES = new Set(['yes', 'y', 'true', '1', '是', '有']);
const NO = new Set(['no', 'n', 'false', '0', '否', '无', '没有']);

function bad(zh: string, en: string): AnswerCheck {
	return {ok: false, problem: {'zh-CN': zh, en}};
}

/** Parses the text form of an answer (command line, config files). */
export function parseAnswer(question: Question, raw: string): AnswerCheck {
	const text = raw.trim();
	switch (question.type) {
		case 'yesno': {
			const lower = text.toLowerCase();
			if (YES.has(lower)) return {ok: true, value: true};
			if (NO.has(lower)) return {ok: true, value: false};
			return bad(`问题“${question.id}”应回答 yes 或 no，收到“${raw}”`, `question "${question.id}" takes yes or no, got "${raw}"`);
		}
		case 'number': {
			if (!/^-?\d+(\.\d+)?$/.test(text)) return bad(`问题“${question.id}”应回答数字，收到“${raw}”`, `question "${question.id}" takes a number, got "${raw}"`);
			return checkAnswer(question, Number(text));
		}
		case 'date':
			return checkAnswer(question, text);
		case 'choice': {
			const value = question.multiple ? text.split(',').map((v) => v.trim()).filter((v) => v !== '') : text;
			return checkAnswer(question, value);
		}
	}
}

/** Checks a typed answer against its question. */
export function checkAnswer(question: Question, value: unknown): AnswerCheck {
	switch (question.type) {
		case 'yesno':
			return typeof value === 'boolean' ? {ok: true, value} : bad(`问题“${question.id}”应回答是或否`, `question "${question.id}" takes yes or no`);
		case 'number': {
			if (typeof value !== 'number' || !Number.isFinite(value)) return bad(`问题“${question.id}”应回答数字`, `question "${question.id}" takes a number`);
			if ((question.min !== undefined && value < question.min) || (question.max !== undefined && value > question.max)) {
				const range = `${question.min ?? '…'}–${question.max ?? '…'}`;
				return bad(`问题“${question.id}”的回答 ${value} 超出范围 ${range}`, `answer ${value} to "${question.id}" is outside ${range}`);
			}
			return {ok: true, value};
		}
		case 'date':
			return isDay(value) ? {ok: true, value} : bad(`问题“${question.id}”应回答日期（YYYY-MM-DD），收到“${String(value)}”`, `question "${question.id}" takes a date (YYYY-MM-DD), got "${String(value)}"`);
		case 'choice': {
			const allowed = (question.choices ?? []).map((c) => c.value);
			const list = question.multiple ? value : [value];
			if (!Array.isArray(list) || !list.every((v): v is string => typeof v === 'string')) {
				return bad(`问题“${question.id}”的回答格式不对`, `answer to "${question.id}" has the wrong shape`);
			}
			const unknown = list.filter((v) => !allowed.includes(v));
			if (unknown.length > 0) {
				return bad(
					`问题“${question.id}”没有选项“${unknown.join('、')}”；可选：${allowed.join('、')}`,
					`question "${question.id}" has no choice "${unknown.join(', ')}"; choose from ${allowed.join(', ')}`,
				);
			}
			return {ok: true, value: question.multiple ? [...new Set(list)] : list[0]!};
		}
	}
}
