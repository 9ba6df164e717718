/** The optional extra actions (saved conversations, copy) the CLI provides; empty in tests by default. */
import { createContext, useContext } from 'react';
import type { ExtraActions } from '../../session/types.js';

export const ExtraActionsContext = createContext<ExtraActions>({});

export function useExtraActions(): ExtraActions {
  return useContext(ExtraActionsContext);
}
