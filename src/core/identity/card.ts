/**
 * Is the document valid on a given day? Cards print "valid from" and "valid until" (or 长期, no
 * expiry). The counter warns when fewer than 90 days are left, because many services take
 * longer than that to finish.
 */

export const LONG_TERM = 'long-term';
const EXPIRY_WARNING_DAYS = 90;

type CardValidityStatus = 'valid' | 'expiring' | 'expired' | 'not-yet-valid' | 'long-term' | 'unknown';

export interface CardValidity {
	status: CardValidityStatus;
	/** Days from today to the last valid day (0 = expires today); negative once expired. */
	daysLeft?: number;
	'zh-CN': string;
	en: string;
}

export interface CardDates {
	/** YYYY-MM-DD (or YYYYMMDD). */
	validFrom: string;
	/** YYYY-MM-DD (or YYYYMMDD), LONG_TERM or "长期". */
	validUntil: string;
}

function toDayNumber(date: string): number | undefined {
	const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(date);
	if (!m) return undefined;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const t = Date.UTC(y, mo - 1, d);
	const back = new Date(t);
	// Date.UTC rolls Feb 30 into March: reject dates that do not round-trip.
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
	return Math.round(t / 86_400_000);
}

function localDay(today: Date | string): number | undefined {
	if (typeof today === 'string') return toDayNumber(today);
	return Math.round(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()) / 86_400_000);
}

export function cardValidity(dates: CardDates, today: Date | string, warnDays = EXPIRY_WARNING_DAYS): CardValidity {
	const now = localDay(today);
	const from = toDayNumber(dates.validFrom);
	if (now === undefined) throw new RangeError('cardValidity: today is not a date');
	if (from !== undefined && now < from) {
		return {status: 'not-yet-valid', 'zh-CN': `证件尚未生效（自 ${dates.validFrom} 起有效）`, en: `not valid yet (valid from ${dates.validFrom})`};
	}
	if (dates.validUntil === LONG_TERM || dates.validUntil === '长期') {
		return {status: 'long-term', 'zh-CN': '长期有效', en: 'valid with no expiry (长期)'};
	}
	const until = toDayNumber(dates.validUntil);
	if (until === undefined || from === undefined) {
		return {status: 'unknown', 'zh-CN': `有效期限无法识别（${dates.validFrom}–${dates.validUntil}）`, en: `validity dates not recognised (${dates.validFrom}–${dates.validUntil})`};
	}
	const daysLeft = until - now;
	if (daysLeft < 0) {
		return {status: 'expired', daysLeft, 'zh-CN': `证件已过期（有效期至 ${dates.validUntil}，已过 ${-daysLeft} 天）`, en: `expired on ${dates.validUntil} (${-daysLeft} days ago)`};
	}
	if (daysLeft <= warnDays) {
		return {status: 'expiring', daysLeft, 'zh-CN': `证件即将过期：有效期至 ${dates.validUntil}，还剩 ${daysLeft} 天`, en: `expires on ${dates.validUntil}, ${daysLeft} days left`};
	}
	return {status: 'valid', daysLeft, 'zh-CN': `有效期至 ${dates.validUntil}`, en: `valid until ${dates.validUntil}`};
}
