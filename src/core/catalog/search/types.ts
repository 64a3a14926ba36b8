import type {HandlingMode, Implementation, ItemType, ServiceItem} from '../model.js';

/** Where a query term matched. */
export type MatchField =
	| 'name'
	| 'alias'
	| 'keyword'
	| 'basicCode'
	| 'implementationCode'
	| 'region'
	| 'department';

/**
 * How a term matched, best first (docs/catalog.md#expected-ranking):
 * exact code/name > prefix > contiguous pinyin/initials/keyword > substring > non-contiguous > fuzzy.
 */
export type MatchKind =
	| 'exact'
	| 'prefix'
	| 'pinyin'
	| 'initials'
	| 'substring'
	| 'subsequence'
	| 'fuzzy';

export interface SearchFilters {
	/** Region code prefix: "51" (province), "5101" (city) or "510104" (county); 6-digit codes like "510000" are normalised. */
	region?: string;
	mode?: HandlingMode;
	/** Department kind ("hrss"), USCC, or a substring of the department name. */
	department?: string;
	itemType?: ItemType;
}

/**
 * Who is at the counter (issue 18.1): implementation lists of these provinces come first among
 * rows of equal score (a text match always outranks them). Provinces are 2-digit codes.
 */
export interface SearchContext {
	/**
	 * Per item (basic code): the province that handles this citizen's matter, where the hub's
	 * facts say (e.g. pension.province for the pension items).
	 */
	handling?: ReadonlyMap<string, string>;
	/** The home province of the card read (or the applicant's number typed): its first two digits. */
	card?: string;
	/** The branch's own province (settings branchCode). */
	branch?: string;
}

/** Why a row was ranked up by the context, strongest first. */
export type ContextReason = 'handling' | 'card' | 'branch';

export interface SearchQuery {
	text: string;
	filters?: SearchFilters;
	/** Default 50. */
	limit?: number;
	context?: SearchContext;
	/**
	 * Forgive pinyin slips (issue 18.2; default true): a latin term found nowhere as typed runs
	 * as the closest full-pinyin run of the catalog instead. False scores the text as typed only.
	 */
	forgive?: boolean;
}

export interface TermMatch {
	/** The query term as typed (normalised). */
	term: string;
	field: MatchField;
	kind: MatchKind;
	/** The text of the field that matched (item name, alias, region name …). */
	text: string;
	/**
	 * How the characters matched: literally, through full pinyin, or through initials only.
	 * (Added by the search engine; optional so hand-written fixtures need not set it.)
	 */
	via?: 'chars' | 'pinyin' | 'initials';
}

export interface SearchHit {
	/** Index of the implementation list in catalog.implementations. */
	row: number;
	item: ServiceItem;
	implementation: Implementation;
	score: number;
	/** One entry per query term: what it matched. Empty for an empty query. */
	matches: TermMatch[];
	/** Set when the context ranked the row up: why, and the province (2 digits). */
	context?: {reason: ContextReason; province: string};
	/** True when the row was found through a forgiven term (SearchResult.matchedAs). */
	forgiven?: boolean;
}

export interface SearchResult {
	hits: SearchHit[];
	/** True when more rows matched than `limit`. */
	more: boolean;
	/**
	 * The query the forgiven rows matched ("yanglaojin" for "yanglaojni"): set when some term
	 * matched nothing as typed and ran as a correction. Rows found as typed come first.
	 */
	matchedAs?: string;
}

/**
 * Converts a short Chinese field to toneless pinyin, one entry per character
 * (non-Chinese characters map to themselves, lowercased). Injected so that core does
 * not depend on a pinyin library; the adapter uses pinyin-pro with domain polyphone fixes.
 */
export type PinyinFn = (text: string) => string[];
