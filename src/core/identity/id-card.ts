/**
 * A decoded identity card, as the reader's SAM hands it over (docs/devices.md#text-block-layouts):
 * the four kinds the readers read, their printed fields, and the photo kept as raw bytes. The
 * domain's model of the card: the driver (devices/idreader) decodes bytes into it, eligibility, the
 * console and the commands read it. Personal data: never log it (core/identity/mask.ts masks it).
 */

export type CardKind = 'resident' | 'hkmotw' | 'foreign2017' | 'foreign2023';

export interface CodeName {
	code: string;
	'zh-CN': string;
	en: string;
}

export interface Photo {
	/** Proprietary WLT wavelet data; only a licensed vendor library can turn it into a bitmap. */
	bytes: Uint8Array;
	sha256: string;
}

export interface IdCard {
	kind: CardKind;
	/** Chinese name (may be empty on a 2017 foreign card). */
	name: string;
	englishName?: string;
	sex: CodeName;
	/** Resident cards only. */
	ethnicity?: CodeName;
	/** YYYY-MM-DD when the card holds a real date, else the raw text. */
	birthDate: string;
	address?: string;
	/** ID number (resident, HK/MO/TW, 2023 foreign) or permanent-residence card number (2017). */
	number: string;
	issuer?: string;
	validFrom: string;
	/** YYYY-MM-DD, or LONG_TERM for "长期". */
	validUntil: string;
	passNumber?: string;
	issueCount?: string;
	nationality?: string;
	cardVersion?: string;
	authorityCode?: string;
	renewalCount?: string;
	photo: Photo;
	/** SHA-256 (hex) of the 256-byte text block as read: proves in the audit log which card was read without storing it. */
	textSha256?: string;
	fingerprint?: Uint8Array;
	/** Newest appended address (30 03), when read. */
	appendedAddress?: string;
}
