/**
 * The reader's failures, each with a stable code and a message in both languages. Exit code 4
 * (device) for all of them; the operator-facing difference is the message and what to do next.
 */
import {DeviceError} from '../../src/core/errors.js';
import {sw3Info} from './protocol.js';

export type IdReaderErrorCode =
	| 'idreader_no_card'
	| 'idreader_select_failed'
	| 'idreader_sam_fault'
	| 'idreader_timeout'
	| 'idreader_port_gone'
	| 'idreader_not_found'
	| 'idreader_status'
	| 'idreader_bad_data';

export class IdReaderError extends DeviceError {
	override readonly code: IdReaderErrorCode;

	constructor(code: IdReaderErrorCode, messages: {'zh-CN': string; en: string}, details?: Record<string, unknown>) {
		super(code, messages, details);
		this.code = code;
	}
}

export function noCard(): IdReaderError {
	return new IdReaderError('idreader_no_card', {'zh-CN': '读卡器上没有证件，请将证件平放在读卡区', en: 'no card on the reader: place the card flat on the reading area'}, {sw3: 0x80});
}

export function selectFailed(): IdReaderError {
	return new IdReaderError('idreader_select_failed', {'zh-CN': '选卡失败：请拿起证件后重新放置', en: 'select failed: lift the card and place it again'}, {sw3: 0x81});
}

export function samFault(sw3: number): IdReaderError {
	const info = sw3Info(sw3);
	return new IdReaderError(
		'idreader_sam_fault',
		{'zh-CN': `读卡器安全模块故障（${info['zh-CN']}），请重启读卡器或联系技术人员`, en: `reader SAM fault (${info.en}): restart the reader or call a technician`},
		{sw3},
	);
}

export function timeout(step: string, deadlineMs: number, path: string): IdReaderError {
	return new IdReaderError(
		'idreader_timeout',
		{'zh-CN': `读卡器在 ${deadlineMs} 毫秒内没有应答（步骤：${step}，端口 ${path}）`, en: `reader did not answer within ${deadlineMs} ms (step: ${step}, port ${path})`},
		{step, deadlineMs, path},
	);
}

export function portGone(path: string, reason?: string): IdReaderError {
	return new IdReaderError(
		'idreader_port_gone',
		{'zh-CN': `读卡器端口 ${path} 已断开（设备被拔出或断电）${reason ? `：${reason}` : ''}`, en: `reader port ${path} went away (unplugged or powered off)${reason ? `: ${reason}` : ''}`},
		{path},
	);
}

export function notFound(path: string, reason: string): IdReaderError {
	return new IdReaderError(
		'idreader_not_found',
		{'zh-CN': `无法打开读卡器端口 ${path}：${reason}`, en: `cannot open reader port ${path}: ${reason}`},
		{path},
	);
}

export function statusError(step: string, sw3: number): IdReaderError {
	const info = sw3Info(sw3);
	return new IdReaderError(
		'idreader_status',
		{'zh-CN': `读卡器报告错误（步骤：${step}）：${info['zh-CN']}（SW3=${sw3.toString(16).toUpperCase()}）`, en: `reader reported an error (step: ${step}): ${info.en} (SW3=${sw3.toString(16).toUpperCase()})`},
		{step, sw3, status: info.name},
	);
}

export function badData(step: string, reason: string): IdReaderError {
	return new IdReaderError(
		'idreader_bad_data',
		{'zh-CN': `读卡器返回的数据无法识别（步骤：${step}）：${reason}`, en: `reader returned data that cannot be decoded (step: ${step}): ${reason}`},
		{step},
	);
}

