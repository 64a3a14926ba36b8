/**
 * The console's services as the composition root builds them: the checks a typed ID number gets
 * come from the built-in tables, and the hub state's changes reach the top bar.
 */
import {describe, expect, it} from 'vitest';
import {defaultSettings} from '../store/settings-schema.js';
import {HubStatus} from './hub-status.js';
import {consoleServices, newBackendPorts} from './services.js';

const clock = {now: () => new Date('2026-03-02T09:30:00Z')};

describe('consoleServices', () => {
	it('checks typed numbers against the region and nationality tables, and tells of hub state changes', () => {
		const hubStatus = new HubStatus('offline');
		const services = consoleServices({settings: defaultSettings(), lang: 'zh-CN', clock, demo: false, isKnownRegion: (code) => code === '110105', hubStatus, ports: newBackendPorts()});
		expect([services.isKnownRegion?.('110105'), services.isKnownRegion?.('990000')]).toEqual([true, false]);
		expect([services.isKnownNationality?.('840'), services.isKnownNationality?.('USA'), services.isKnownNationality?.('999')]).toEqual([true, true, false]);
		const seen: string[] = [];
		services.onHubStateChange?.(() => seen.push(services.hubState()));
		hubStatus.reachable(true);
		expect(seen).toEqual(['online']);
	});
});
