/**
 * One row of key hints, shortened to fit (`F1 help` always stays). Hints keep their order on screen and
 * are dropped least important first: with one host, from the end (Alt+H first); with several hosts the
 * switcher key is what a user needs to find, so Ctrl+J and Ctrl+T go before it (at 80 columns it shows).
 */
import { Text } from 'ink';
import { memo } from 'react';
import { displayWidth, truncateToWidth } from '../../core/wrap.js';
import { FOOTER_HELP_HINT, FOOTER_HINTS } from '../keys/keymap.js';
import { useTheme } from '../theme/theme.js';
import { useAppState } from './useAppState.js';
import type { AppState } from '../../session/types.js';

const HOSTS_HINT = 'Alt+H hosts';
/** With several hosts: kept longest first (the rest of FOOTER_HINTS after these, in their order). */
const MULTI_HOST_KEEP = ['Enter send', 'Esc stop', 'Ctrl+P models', HOSTS_HINT];

function dropOrder(multiHost: boolean): string[] {
  if (!multiHost) return [...FOOTER_HINTS].reverse();
  const rest = FOOTER_HINTS.filter((h) => !MULTI_HOST_KEEP.includes(h));
  return [...rest.reverse(), ...MULTI_HOST_KEEP.filter((h) => FOOTER_HINTS.includes(h)).reverse()];
}

export function footerText(width: number, multiHost = false): string {
  const shown = new Set(FOOTER_HINTS);
  const build = () => ` ${[...FOOTER_HINTS.filter((h) => shown.has(h)), FOOTER_HELP_HINT].join(' · ')}`;
  for (const hint of dropOrder(multiHost)) {
    if (displayWidth(build()) <= width) break;
    shown.delete(hint);
  }
  return truncateToWidth(build(), width);
}

const selectMultiHost = (s: AppState) => (s.hosts?.entries.length ?? 0) > 1;

/** Memoized: re-renders only when its props (or its own store slices) change, not on every token. */
export const Footer = memo(function Footer({ width }: { width: number }) {
  const { colors } = useTheme();
  const multiHost = useAppState(selectMultiHost);
  return <Text color={colors.muted}>{footerText(width, multiHost)}</Text>;
});
