/**
 * The document pages the camera emulator photographs: JPEGs made once by
 * scripts/generate-camera-pages.sh and committed under mocks/devices/pages/, one file per page
 * and VC0706 image size (`NAME-640x480.jpg`). Found next to this module in the source tree, from
 * compiled output (dist/…) and from the bundle, or wherever TONGBAN_CAMERA_PAGES points.
 */
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {ImageSize} from '../../devices/camera/protocol.js';

export const PAGES = [
	{id: 'application', 'zh-CN': '跨省通办事项申请表', en: 'application form'},
	{id: 'hukou', 'zh-CN': '常住人口登记卡（户口簿内页）', en: 'household register page'},
	{id: 'certificate', 'zh-CN': '结业证书', en: 'certificate'},
	{id: 'blurred', 'zh-CN': '申请表（失焦模糊）', en: 'application form, out of focus'},
	{id: 'dark', 'zh-CN': '户口簿内页（光线不足）', en: 'household register page, too dark'},
] as const;
export type PageName = (typeof PAGES)[number]['id'];

export function isPageName(value: unknown): value is PageName {
	return PAGES.some((p) => p.id === value);
}

const PROBE = 'application-640x480.jpg';

/** Directory holding the page JPEGs. */
function pagesDir(env: NodeJS.ProcessEnv = process.env): string {
	const fromEnv = env.TONGBAN_CAMERA_PAGES;
	if (fromEnv && existsSync(join(fromEnv, PROBE))) return fromEnv;
	let dir = dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 6; i++) {
		for (const candidate of [join(dir, 'pages'), join(dir, 'mocks', 'devices', 'pages')]) {
			if (existsSync(join(candidate, PROBE))) return candidate;
		}
		dir = resolve(dir, '..');
	}
	throw new Error('camera emulator pages not found (mocks/devices/pages); set TONGBAN_CAMERA_PAGES to their directory');
}

const cache = new Map<string, Buffer>();

export function loadPage(name: PageName, size: ImageSize): Buffer {
	const key = `${name}-${size}`;
	let jpeg = cache.get(key);
	if (!jpeg) {
		jpeg = readFileSync(join(pagesDir(), `${key}.jpg`));
		cache.set(key, jpeg);
	}
	return jpeg;
}
