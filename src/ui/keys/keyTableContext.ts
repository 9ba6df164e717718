/**
 * The key table in force, handed down by the App (its `keyBindings` prop: the config's "keys" laid over
 * the defaults by the CLI). The default value is the default keys, so a component rendered alone (tests)
 * gets them; nothing is global.
 */
import { createContext, useContext } from 'react';
import { DEFAULT_KEY_TABLE, type KeyTable } from './keymap.js';

export const KeyTableContext = createContext<KeyTable>(DEFAULT_KEY_TABLE);

/** The key table in force (its `bindings` rewrite hints and help rows to the keys in force). */
export function useKeyTable(): KeyTable {
  return useContext(KeyTableContext);
}
