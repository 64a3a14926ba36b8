/**
 * What the services report while the console runs, turned into effects and flashes: a card put
 * on the reader, a queued case that reached the hub, a catalog loaded with a warning, and a
 * damaged file set aside.
 */
import {useEffect} from 'react';
import type {Effects} from '../effects/index.js';
import type {ConsoleServices} from '../services.js';
import type {Flash} from './useFlash.js';

export function useServiceEvents(services: ConsoleServices, effects: Effects, show: (flash: Flash) => void, newestQuarantined: string | undefined): void {
	useEffect(() => {
		if (!services.reader) return;
		return services.reader.subscribe((event) => {
			if (event.type === 'card') effects.cardRead(event.event);
		});
	}, [services, effects]);

	useEffect(() => {
		if (!services.submission) return;
		return services.submission.subscribe((event) => effects.drafts.onSubmitted(event));
	}, [services, effects]);

	useEffect(() => {
		let live = true;
		void Promise.resolve(services.catalogReady)
			.catch(() => undefined)
			.then(() => {
				const warning = live ? services.catalog.loadWarning() : undefined;
				if (warning) show({level: 'warn', key: 'flash.catalogWarning', params: {message: warning}});
			});
		return () => {
			live = false;
		};
	}, [services, show]);

	useEffect(() => {
		if (newestQuarantined) show({level: 'warn', key: 'flash.quarantined', params: {file: newestQuarantined}});
	}, [newestQuarantined, show]);
}
