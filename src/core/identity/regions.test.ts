import {describe, expect, it} from 'vitest';
import type {Region} from './regions.js';
import {RegionTable} from './regions.js';

const sample: Region[] = [
	{code: '510107', name: '武侯区', parent: '510100', level: 'county'},
	{code: '510000', name: '四川省', level: 'province'},
	{code: '510104', name: '锦江区', parent: '510100', level: 'county'},
	{code: '510100', name: '成都市', parent: '510000', level: 'city'},
	{code: '500000', name: '重庆市', level: 'province'},
	{code: '500101', name: '万州区', parent: '500000', level: 'county'},
	{code: '429004', name: '仙桃市', parent: '420000', level: 'county'},
	{code: '420000', name: '湖北省', level: 'province'},
];

describe('RegionTable', () => {
	const table = new RegionTable(sample);

	it('looks regions up by code', () => {
		expect(table.size).toBe(8);
		expect(table.get('510100')?.name).toBe('成都市');
		expect(table.get('999999')).toBeUndefined();
		expect(table.isKnown('510107')).toBe(true);
		expect(table.isKnown('510108')).toBe(false);
		expect(table.asMap().get('500101')?.name).toBe('万州区');
	});

	it('gives the path from the province down', () => {
		expect(table.path('510107')).toEqual(['四川省', '成都市', '武侯区']);
		expect(table.path('510100')).toEqual(['四川省', '成都市']);
		expect(table.path('510000')).toEqual(['四川省']);
		// Municipality districts hang directly under the province.
		expect(table.path('500101')).toEqual(['重庆市', '万州区']);
		expect(table.path('429004')).toEqual(['湖北省', '仙桃市']);
		expect(table.path('123456')).toEqual([]);
	});

	it('names the province of any code, known or not', () => {
		expect(table.provinceName('510107')).toBe('四川省');
		expect(table.provinceName('510199')).toBe('四川省');
		expect(table.provinceName('990000')).toBeUndefined();
	});

	it('lists children sorted by code, and a copy', () => {
		expect(table.children('510100').map((r) => r.code)).toEqual(['510104', '510107']);
		expect(table.children('510000').map((r) => r.code)).toEqual(['510100']);
		expect(table.children('510107')).toEqual([]);
		table.children('510100').pop();
		expect(table.children('510100')).toHaveLength(2);
	});

	it('lists provinces', () => {
		expect(table.provinces().map((r) => r.name)).toEqual(['湖北省', '重庆市', '四川省']);
	});

	it('stops on a parent loop instead of hanging', () => {
		const looped = new RegionTable([
			{code: '110000', name: 'A', parent: '110100', level: 'province'},
			{code: '110100', name: 'B', parent: '110000', level: 'city'},
		]);
		expect(looped.path('110100')).toEqual(['A', 'B']);
	});
});
