/**
 * What the console shows of a service follows the service's own change events, not whatever
 * re-render happens to read it: the hub state in the top bar, the demo card on the reader and
 * the demo page under the camera each change on screen with nothing else happening.
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {fakeCamera} from '../test-utils/camera.js';
import {createFakeServices, fakeReader} from '../test-utils/fixtures.js';
import {openItem, renderConsole} from '../test-utils/renderTui.js';
import {createTranslator} from './i18n/index.js';
import type {DemoCardsPort, HubState} from './services.js';

afterEach(() => cleanup());
const zh = createTranslator('zh-CN');

/** Listeners a fake port tells. */
function listeners() {
	const set = new Set<() => void>();
	return {
		subscribe: (listener: () => void) => {
			set.add(listener);
			return () => void set.delete(listener);
		},
		tell: () => set.forEach((listener) => listener()),
		get size() {
			return set.size;
		},
	};
}

describe('service feeds', () => {
	it('the top bar shows the hub state the services report, as they report it', async () => {
		let hub: HubState = 'offline';
		const changes = listeners();
		const tui = await renderConsole({columns: 120, services: createFakeServices({hubState: () => hub, onHubStateChange: changes.subscribe})});
		expect(tui.lines()[0]).toContain(zh('topbar.hub', {state: zh('hub.offline')}));
		hub = 'online';
		changes.tell();
		await tui.waitForText(zh('topbar.hub', {state: zh('hub.online')}));
		tui.unmount();
		expect(changes.size).toBe(0);
	});

	it('the applicant panel names the demo card placed on the reader, and drops it when lifted', async () => {
		let card: string | undefined;
		const changes = listeners();
		const demoCards: DemoCardsPort = {ids: () => ['resident'], current: () => card, place: () => undefined, lift: () => undefined, subscribe: changes.subscribe};
		const tui = await renderConsole({services: createFakeServices({demoCards, reader: fakeReader()})});
		await tui.press('a');
		await tui.waitForText(zh('applicant.noneDemo'));
		card = 'resident';
		changes.tell();
		await tui.waitForText(zh('applicant.demoCard', {card: 'resident'}));
		card = undefined;
		changes.tell();
		await tui.waitForNoText(zh('applicant.demoCard', {card: 'resident'}));
	});

	it('the checklist names the demo page under the camera when another one is put there', async () => {
		const camera = fakeCamera({pages: ['application', 'hukou']});
		const tui = await renderConsole({services: createFakeServices({camera})});
		await openItem(tui);
		await tui.press('m');
		await tui.waitForText(zh('mat.page', {page: 'application'}));
		camera.setPage!('hukou');
		await tui.waitForText(zh('mat.page', {page: 'hukou'}));
	});
});
