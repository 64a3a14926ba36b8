/** A card's kind by the name the reader's own table gives it (devices.ts); an unknown code as it came. */
import type {Lang} from '../core/lang.js';
import {devicesText} from './devices.js';

const CARD_KINDS = new Set(['resident', 'hkmotw', 'foreign2017', 'foreign2023']);

export function cardKindName(kind: string, lang: Lang): string {
	return CARD_KINDS.has(kind) ? devicesText(lang, `read.kind.${kind}` as 'read.kind.resident') : kind;
}
