/**
 * Once a citizen is at the counter (a card read or a number typed), asks where the hub's facts
 * say their matters are handled (EligibilityPort.handlingProvinces: one small facts query per
 * item that names a handling fact) and keeps the answer in the case state with the number it is
 * for, so the search ranks that province's list first (issue 18.1). An answer that comes after
 * the citizen changed is dropped; none at all leaves the ranking to the card's home province.
 */
import {useEffect, type Dispatch} from 'react';
import type {ConsoleServices} from '../services.js';
import type {AppAction} from '../state/index.js';

export function useHandlingProvinces(services: Pick<ConsoleServices, 'eligibility'>, number: string | undefined, dispatch: Dispatch<AppAction>): void {
	useEffect(() => {
		const ask = services.eligibility?.handlingProvinces;
		if (!number || !ask) return;
		let current = true;
		void ask(number).then(
			(provinces) => {
				if (current && provinces.size > 0) dispatch({type: 'case/handling', handling: {number, provinces}});
			},
			() => undefined,
		);
		return () => {
			current = false;
		};
	}, [services.eligibility, number, dispatch]);
}
