import {describe, expect, it} from 'vitest';
import {maskAddress, maskIdNumber, maskName} from './mask.js';

describe('maskIdNumber', () => {
	it.each([
		['11010519491231002X', '110105********002X'],
		['110105491231002', '110105*****1002'],
		['USA310075061521', 'USA310*****1521'],
		['H60123456', 'H*******6'],
		['12', '**'],
	])('%s → %s', (input, masked) => {
		expect(maskIdNumber(input)).toBe(masked);
	});
});

describe('maskName', () => {
	it.each([
		['张三', '张*'],
		['李明华', '李**'],
		['欧阳娜娜', '欧阳**'],
		['欧阳修', '欧阳*'],
		['欧阳', '欧*'],
		['司马', '司*'],
		['王', '*'],
		['阿依古丽·买买提', '阿***·***'],
		['SAMPLE, JOHN ALEXANDER', 'S*****, J*** A********'],
		['', ''],
	])('%s → %s', (input, masked) => {
		expect(maskName(input)).toBe(masked);
	});
});

describe('maskAddress', () => {
	it.each([
		['北京市朝阳区示例路18号院3号楼2单元501号', '北京市朝阳区****'],
		['某地一号', '某地**'],
		['', ''],
	])('%s → %s', (input, masked) => {
		expect(maskAddress(input)).toBe(masked);
	});
});
