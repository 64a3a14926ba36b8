/**
 * useReducer with a synchronous `getState()`: the input router handles several events from
 * one chunk in a row (e.g. '/' then 'ylbx') and must see the focus each one leaves behind,
 * before React has re-rendered.
 */
import {useCallback, useRef, useState} from 'react';

export function useStore<S, A>(reducer: (state: S, action: A) => S, init: () => S) {
	const ref = useRef<S | undefined>(undefined);
	if (ref.current === undefined) ref.current = init();
	const [state, setState] = useState<S>(ref.current);
	const dispatch = useCallback(
		(action: A) => {
			ref.current = reducer(ref.current as S, action);
			setState(ref.current);
		},
		[reducer],
	);
	const getState = useCallback(() => ref.current as S, []);
	return {state, dispatch, getState};
}
