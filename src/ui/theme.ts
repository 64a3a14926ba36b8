/**
 * Semantic colour tokens and the glyphs used in fixed-width cells. ASCII only by default: East
 * Asian *ambiguous* characters (… · ● ─ │ → ×) are drawn 2 columns wide by terminals set up for CJK
 * and break alignment (docs/architecture.md#cjk-text), and Ink 6 lacks a fix for several of them.
 */
export interface Theme {
	color: {
		title: string;
		accent: string;
		muted: string;
		selected: string;
		info: string;
		warn: string;
		error: string;
	};
	/** Ink border style for framed boxes; 'classic' draws with + - |. */
	borderStyle: 'classic' | 'round' | 'single';
	/** True when only ASCII glyphs may be used in cells. */
	ascii: boolean;
	symbols: {pointer: string; ellipsis: string; separator: string; rule: string; bullet: string};
}

/**
 * No colour at all (setting `theme` monochrome, or NO_COLOR): an empty colour is no colour to Ink.
 * Selection keeps its pointer, bold and inverse, which are not colour.
 */
export const monochromeTheme: Theme = {
	color: {title: '', accent: '', muted: '', selected: '', info: '', warn: '', error: ''},
	borderStyle: 'classic',
	ascii: true,
	symbols: {pointer: '>', ellipsis: '...', separator: '|', rule: '-', bullet: '*'},
};

export const defaultTheme: Theme = {
	color: {
		title: 'cyan',
		accent: 'cyan',
		muted: 'gray',
		selected: 'yellow',
		info: 'green',
		warn: 'yellow',
		error: 'red',
	},
	borderStyle: 'classic',
	ascii: true,
	symbols: {pointer: '>', ellipsis: '...', separator: '|', rule: '-', bullet: '*'},
};
