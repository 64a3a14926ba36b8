/**
 * "What matched": for a hit and a term, the field, kind and text that gave the row its score.
 * Runs only for the hits shown (50 per keystroke), so it may re-run the matcher, but it keeps
 * each text's outcome on the term for the keystrokes that follow.
 */
import type {Catalog} from '../model.js';
import {FIELD_BONUS} from './dictionary.js';
import type {Dictionary, LinkField} from './dictionary.js';
import {TIER, matchTerm} from './matcher.js';
import type {Via} from './matcher.js';
import type {RowTables} from './rows.js';
import {deptScoreOf, deptTextOf} from './terms.js';
import type {TermScores} from './terms.js';
import type {MatchField, MatchKind, TermMatch} from './types.js';

export class Explainer {
	constructor(
		private readonly catalog: Catalog,
		private readonly rows: RowTables,
		private readonly dictionary: Dictionary,
		/** The dictionary text of each region's name, -1 for a region without one. */
		private readonly regionNameText: Int32Array,
	) {}

	/** Explains which field gave the row at `rank` its score for one term. */
	explain(scores: TermScores, rank: number): TermMatch {
		const {rows, dictionary} = this;
		const item = rows.rankItem[rank]!;
		const region = rows.rankRegion[rank]!;
		const dept = rows.rankDept[rank]!;
		const head = rows.rankHead[rank]!;
		const impl = this.catalog.implementations[rows.keyOrder[rank]!]!;
		const itemScore = scores.itemScore[item]!;
		const inHeads = head >= scores.headLo && head < scores.headHi ? scores.headValue : 0;
		const code = Math.max(inHeads, scores.codeRows?.get(rank) ?? 0);
		const regionScore = scores.regionScore[region]!;
		const deptScore = deptScoreOf(dictionary, scores, dept);
		// The first best in the order item, code, region, department.
		let best = itemScore;
		let source: 'item' | 'code' | 'region' | 'department' = 'item';
		if (code > best) {
			best = code;
			source = 'code';
		}
		if (regionScore > best) {
			best = regionScore;
			source = 'region';
		}
		if (deptScore > best) source = 'department';
		switch (source) {
			case 'item':
				return this.textMatch(scores, itemScore, scores.itemText[item]!);
			case 'code':
				return {
					term: scores.term.text,
					field: 'implementationCode',
					kind: code >= TIER.exact * 10 ? 'exact' : 'prefix',
					text: impl.implementationCode,
					via: 'chars',
				};
			case 'region':
				return this.textMatch(scores, regionScore, this.regionTextOf(scores, region));
			default:
				return {...this.textMatch(scores, deptScore, deptTextOf(dictionary, scores, dept)), text: impl.department.name};
		}
	}

	/**
	 * The region name giving a region its score: its own or an ancestor's, the nearest one with the
	 * best tier (a region scores its own name unless an ancestor's scores strictly higher).
	 */
	private regionTextOf(scores: TermScores, region: number): number {
		const parent = this.rows.regions.parent;
		let bestTier = 0;
		let text = -1;
		for (let at = region; at >= 0; at = parent[at]!) {
			const name = this.regionNameText[at]!;
			const tier = name >= 0 ? scores.textTier[name]! : 0;
			if (tier > bestTier) {
				bestTier = tier;
				text = name;
			}
		}
		return text;
	}

	private textMatch(scores: TermScores, score: number, textId: number): TermMatch {
		const text = this.dictionary.texts[textId]!;
		const tier = Math.floor(score / 10);
		const via = this.viaOf(scores, textId);
		return {term: scores.term.text, field: fieldOfBonus(score % 10), kind: kindOf(tier, via), text: text.display, via};
	}

	private viaOf(scores: TermScores, textId: number): Via {
		scores.vias ??= new Map();
		let via = scores.vias.get(textId);
		if (via === undefined) {
			via = matchTerm(scores.term, this.dictionary.texts[textId]!).via;
			scores.vias.set(textId, via);
		}
		return via;
	}
}

const FIELD_BY_BONUS = new Map<number, LinkField>(
	(Object.entries(FIELD_BONUS) as Array<[LinkField, number]>)
		.filter(([field]) => field !== 'implementationCode')
		.map(([field, bonus]) => [bonus, field]),
);

function fieldOfBonus(bonus: number): MatchField {
	return FIELD_BY_BONUS.get(bonus) ?? 'name';
}

function kindOf(tier: number, via: Via): MatchKind {
	switch (tier) {
		case TIER.exact:
			return 'exact';
		case TIER.prefix:
			return 'prefix';
		case TIER.contiguous:
			return via === 'initials' ? 'initials' : via === 'pinyin' ? 'pinyin' : 'substring';
		case TIER.substring:
			return 'substring';
		case TIER.subsequence:
			return 'subsequence';
		default:
			return 'fuzzy';
	}
}
