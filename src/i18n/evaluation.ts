/**
 * The words for the five 好差评 levels (docs/people.md#好差评-evaluation), one table for the
 * console and the commands, as the national evaluation system names them.
 */
import type {EvaluationLevel} from '../core/cases/evaluation.js';

type LevelLabels = Record<`eval.${EvaluationLevel}`, string>;

export const EVALUATION_LABELS: {'zh-CN': LevelLabels; en: LevelLabels} = {
	'zh-CN': {
		'eval.very_satisfied': '非常满意',
		'eval.satisfied': '满意',
		'eval.basic': '基本满意',
		'eval.dissatisfied': '不满意',
		'eval.very_dissatisfied': '非常不满意',
	},
	en: {
		'eval.very_satisfied': 'very satisfied',
		'eval.satisfied': 'satisfied',
		'eval.basic': 'basically satisfied',
		'eval.dissatisfied': 'dissatisfied',
		'eval.very_dissatisfied': 'very dissatisfied',
	},
};
