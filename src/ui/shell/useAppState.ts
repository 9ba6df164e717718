import { useCallback, useSyncExternalStore } from 'react';
import type { AppState } from '../../session/types.js';
import { useStoreContext } from './StoreContext.js';

/**
 * Subscribe to one slice of the app state. The selector must return a stable value (a slice of the
 * state object or a primitive), never a freshly built object, or React would re-render forever.
 */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const { store } = useStoreContext();
  const getSnapshot = useCallback(() => selector(store.getState()), [store, selector]);
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}
