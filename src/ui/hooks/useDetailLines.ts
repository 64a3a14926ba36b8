/** Detail lines of an implementation list for a width and language, cached for the last call. */
import {useCallback, useRef} from 'react';
import type {Translate} from '../i18n/index.js';
import type {ConsoleServices} from '../services.js';
import {buildDetailLines, type DetailLine} from '../views/detailModel.js';

export interface DetailModel {
	title: string;
	lines: DetailLine[];
}

export function useDetailLines(services: ConsoleServices): (code: string, width: number, t: Translate) => DetailModel {
	const cache = useRef<{code: string; width: number; t: Translate; model: DetailModel} | undefined>(undefined);
	return useCallback(
		(code, width, t) => {
			const hit = cache.current;
			if (hit && hit.code === code && hit.width === width && hit.t === t) return hit.model;
			const implementation = services.catalog.implementation(code);
			const item = implementation && services.catalog.item(implementation.basicCode);
			const model: DetailModel =
				implementation && item
					? {
							title: item.name,
							lines: buildDetailLines({item, implementation, regionPath: services.catalog.regionPath(implementation.regionCode)}, t, width),
						}
					: {title: t('detail.notFound', {code}), lines: []};
			cache.current = {code, width, t, model};
			return model;
		},
		[services],
	);
}
