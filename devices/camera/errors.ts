/**
 * The camera's failures, each with a stable code and a message in both languages (exit code 4,
 * device). The message says what happened and what the clerk or technician can do next.
 */
import {DeviceError} from '../../src/core/errors.js';

export type CameraErrorCode =
	| 'camera_timeout'
	| 'camera_bad_reply'
	| 'camera_status'
	| 'camera_corrupted_image'
	| 'camera_not_found'
	| 'camera_port_gone';

export class CameraError extends DeviceError {
	override readonly code: CameraErrorCode;

	constructor(code: CameraErrorCode, messages: {'zh-CN': string; en: string}, details?: Record<string, unknown>) {
		super(code, messages, details);
		this.code = code;
	}
}

export function timeout(step: string, deadlineMs: number, path: string, attempts = 1): CameraError {
	const tries = attempts > 1 ? `，已重试 ${attempts - 1} 次` : '';
	const triesEn = attempts > 1 ? ` after ${attempts} attempts` : '';
	return new CameraError(
		'camera_timeout',
		{
			'zh-CN': `高拍仪在 ${deadlineMs} 毫秒内没有应答（步骤：${step}，端口 ${path}${tries}）。请检查连接线和电源后重试`,
			en: `camera did not answer within ${deadlineMs} ms (step: ${step}, port ${path})${triesEn}: check the cable and power, then retry`,
		},
		{step, deadlineMs, path, attempts},
	);
}

export function badReply(step: string, reason: string, details: Record<string, unknown> = {}): CameraError {
	return new CameraError(
		'camera_bad_reply',
		{'zh-CN': `高拍仪的应答不符合 VC0706 协议（步骤：${step}）：${reason}`, en: `camera reply does not follow VC0706 (step: ${step}): ${reason}`},
		{step, reason, ...details},
	);
}

export function statusError(step: string, status: number): CameraError {
	const code = status.toString(16).toUpperCase().padStart(2, '0');
	return new CameraError(
		'camera_status',
		{'zh-CN': `高拍仪拒绝了命令（步骤：${step}，状态码 ${code}）`, en: `camera refused the command (step: ${step}, status ${code})`},
		{step, status},
	);
}

export function corruptedImage(reason: string, details: Record<string, unknown> = {}): CameraError {
	return new CameraError(
		'camera_corrupted_image',
		{'zh-CN': `拍摄的图像已损坏，未保存：${reason}。请重新拍摄`, en: `the captured image is corrupted and was not kept: ${reason}. Take the picture again`},
		{reason, ...details},
	);
}

export function notFound(path: string, reason: string): CameraError {
	return new CameraError(
		'camera_not_found',
		{'zh-CN': `找不到高拍仪：无法打开端口 ${path}（${reason}）。请检查设备是否接好，或用 --port 指定端口`, en: `no camera: cannot open port ${path} (${reason}); check the device is connected or pass --port`},
		{path},
	);
}

export function portGone(path: string, reason?: string): CameraError {
	return new CameraError(
		'camera_port_gone',
		{'zh-CN': `高拍仪已断开（端口 ${path}${reason ? `：${reason}` : ''}）。请重新插好设备后重试`, en: `camera disconnected (port ${path}${reason ? `: ${reason}` : ''}): plug it back in and retry`},
		{path},
	);
}
