/** The app store and the session actions, provided once at the root. */
import { createContext, useContext } from 'react';
import type { AppStore } from '../../session/store.js';
import type { AppActions } from '../../session/types.js';

export interface StoreContextValue {
  store: AppStore;
  actions: AppActions;
}

export const StoreContext = createContext<StoreContextValue | null>(null);

export function useStoreContext(): StoreContextValue {
  const value = useContext(StoreContext);
  if (!value) throw new Error('useStoreContext must be used inside <StoreContext.Provider> (see src/ui/shell/App.tsx).');
  return value;
}

export function useActions(): AppActions {
  return useStoreContext().actions;
}
