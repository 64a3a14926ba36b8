/**
 * Messages of the document camera commands (`tongban devices camera …`) and of the quality
 * warnings a capture screen shows. zh-CN is the default; `en` has exactly the same keys.
 */
import type {Lang} from '../core/lang.js';
import {messageTable} from './table.js';

const zhCN = {
	'cmd.camera': '高拍仪（VC0706 串口摄像头）：检测、拍摄材料、自检',
	'cmd.camera.probe': '检测高拍仪是否应答（读取版本）',
	'cmd.camera.info': '显示高拍仪版本、当前分辨率和传输设置',
	'cmd.camera.capture': '拍摄一张材料照片并保存为 JPEG（权限 0600）',
	'cmd.camera.selftest': '完整拍摄一次并校验（--emulate 使用内置仿真器，无需硬件）',
	'opt.port': '串口路径（默认 $TONGBAN_CAMERA_PORT 或 /dev/ttyUSB1；emu:<页面>[+故障,…] 为进程内仿真器）',
	'opt.baud': '波特率（9600、19200、38400、57600、115200；TTL 模块出厂为 38400）',
	'opt.out': '保存 JPEG 的文件路径',
	'opt.size': '分辨率：640x480、320x240 或 160x120',
	'opt.chunk': '每次读取的字节数（8 的倍数，默认 1024）',
	'opt.verify': '校验方式：decode（整图校验）或 reread（每块读两次比对，耗时加倍）',
	'opt.preview': '在终端显示预览图',
	'opt.emulate': '使用进程内仿真高拍仪（无需硬件）',
	'opt.page': '仿真器拍摄的页面：{pages}',
	'opt.faults': '注入故障（逗号分隔，可加 @N 表示第 N 次读块）：{faults}',
	'opt.force': '覆盖已存在的文件',
	'opt.raw': '在标准错误输出上以十六进制显示收发的字节',
	'probe.ok': '高拍仪 {port} 应答正常（{baud} bps）：{version}',
	'info.version': '版本',
	'info.port': '端口',
	'info.size': '分辨率',
	'info.chunk': '每块字节数',
	'info.wire': '640x480 约 50 KB 传输时间',
	'capture.progress': '正在接收图像… {bytes}/{total} 字节（{percent}%）',
	'capture.saved': '已保存 {file}',
	'capture.size': '大小',
	'capture.sha256': 'SHA-256',
	'capture.brightness': '亮度',
	'capture.sharpness': '清晰度',
	'capture.rereads': '重读块数',
	'capture.time': '用时',
	'capture.noWarnings': '质量检查通过',
	'capture.warning': '注意：{message}',
	'quality.dark': '画面过暗（平均亮度 {brightness}），请打开补光灯或调整光线后重拍',
	'quality.overexposed': '画面过亮（平均亮度 {brightness}），请减弱光线或避开反光后重拍',
	'quality.blurred': '画面模糊（清晰度 {sharpness}，低于 {threshold}），请放平材料、等待对焦后重拍',
	'selftest.step.open': '打开端口',
	'selftest.step.version': '读取版本',
	'selftest.step.size': '设置分辨率',
	'selftest.step.capture': '拍摄并校验图像',
	'selftest.step.identical': '与仿真器原图逐字节一致',
	'selftest.step.resumed': '拍摄后恢复实时画面',
	'selftest.ok': '自检通过：{bytes} 字节，{ms} 毫秒（理论传输时间 {wire} 毫秒）',
	'selftest.failed': '自检失败：{message}',
	'emulate.ready': '仿真高拍仪已就绪：页面 {page}，{baud} bps，故障 {faults}',
	'emulate.hint': '驱动端请打开：tongban devices camera capture --port {path} --baud {baud} --out page.jpg',
};

export type CameraMessageKey = keyof typeof zhCN;

const en: Record<CameraMessageKey, string> = {
	'cmd.camera': 'document camera (VC0706 serial camera): probe, capture materials, self-test',
	'cmd.camera.probe': 'check that the camera answers (reads its version)',
	'cmd.camera.info': 'show the camera version, current image size and transfer settings',
	'cmd.camera.capture': 'photograph one material and save it as JPEG (mode 0600)',
	'cmd.camera.selftest': 'one full capture with all checks (--emulate: built-in emulator, no hardware)',
	'opt.port': 'serial port (default $TONGBAN_CAMERA_PORT or /dev/ttyUSB1; emu:<page>[+fault,…] is an in-process emulator)',
	'opt.baud': 'baud rate (9600, 19200, 38400, 57600, 115200; TTL modules ship at 38400)',
	'opt.out': 'file to save the JPEG to',
	'opt.size': 'image size: 640x480, 320x240 or 160x120',
	'opt.chunk': 'bytes per read (a multiple of 8, default 1024)',
	'opt.verify': 'verification: decode (whole-image check) or reread (every chunk read twice and compared, twice the time)',
	'opt.preview': 'show a preview in the terminal',
	'opt.emulate': 'use the in-process emulated camera (no hardware)',
	'opt.page': 'page the emulator photographs: {pages}',
	'opt.faults': 'inject faults (comma-separated, @N = the Nth chunk read): {faults}',
	'opt.force': 'overwrite an existing file',
	'opt.raw': 'hex dump of the bytes sent and received (stderr)',
	'probe.ok': 'camera on {port} answers ({baud} bps): {version}',
	'info.version': 'version',
	'info.port': 'port',
	'info.size': 'image size',
	'info.chunk': 'bytes per chunk',
	'info.wire': 'wire time of a ~50 KB 640x480',
	'capture.progress': 'receiving image… {bytes}/{total} bytes ({percent}%)',
	'capture.saved': 'saved {file}',
	'capture.size': 'size',
	'capture.sha256': 'SHA-256',
	'capture.brightness': 'brightness',
	'capture.sharpness': 'sharpness',
	'capture.rereads': 'chunks re-read',
	'capture.time': 'time',
	'capture.noWarnings': 'quality checks passed',
	'capture.warning': 'note: {message}',
	'quality.dark': 'too dark (mean brightness {brightness}): switch on the lamp or improve the light, then retake',
	'quality.overexposed': 'too bright (mean brightness {brightness}): dim the light or avoid glare, then retake',
	'quality.blurred': 'blurred (sharpness {sharpness}, below {threshold}): lay the page flat, wait for focus, then retake',
	'selftest.step.open': 'open port',
	'selftest.step.version': 'read version',
	'selftest.step.size': 'set image size',
	'selftest.step.capture': 'capture and verify image',
	'selftest.step.identical': 'byte-identical to the emulator page',
	'selftest.step.resumed': 'live video resumed after capture',
	'selftest.ok': 'self-test passed: {bytes} bytes in {ms} ms (wire time {wire} ms)',
	'selftest.failed': 'self-test failed: {message}',
	'emulate.ready': 'emulated camera ready: page {page}, {baud} bps, faults {faults}',
	'emulate.hint': 'driver side: tongban devices camera capture --port {path} --baud {baud} --out page.jpg',
};


export const cameraText = messageTable<CameraMessageKey>({'zh-CN': zhCN, en});

/** The operator-facing words for a quality warning code. */
export function qualityWarningText(lang: Lang, warning: 'dark' | 'overexposed' | 'blurred', quality: {brightness: number; sharpness: number; sharpnessThreshold: number}): string {
	return cameraText(lang, `quality.${warning}`, {
		brightness: quality.brightness.toFixed(0),
		sharpness: quality.sharpness.toFixed(0),
		threshold: quality.sharpnessThreshold.toFixed(0),
	});
}
