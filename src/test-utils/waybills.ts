/** Waybill numbers for tests: UPU S10 numbers with their right check digit (or a wrong one), one per serial. */
import {s10CheckDigit} from '../core/cases/waybill.js';

export function s10Waybill(serial: number, options: {wrongDigit?: boolean} = {}): string {
	const digits = String(serial).padStart(8, '0');
	const digit = s10CheckDigit(digits);
	return `EA${digits}${options.wrongDigit ? (digit + 1) % 10 : digit}CN`;
}
