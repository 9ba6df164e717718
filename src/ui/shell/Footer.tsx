/** One row of key hints, shortened (least important first) to fit; `F1 help` always stays. */
import { Text } from 'ink';
import { memo } from 'react';
import { displayWidth, truncateToWidth } from '../../core/wrap.js';
import { FOOTER_HELP_HINT, FOOTER_HINTS } from '../keys/keymap.js';
import { useTheme } from '../theme/theme.js';

export function footerText(width: number): string {
  const hints = [...FOOTER_HINTS];
  const build = () => ` ${[...hints, FOOTER_HELP_HINT].join(' · ')}`;
  while (hints.length > 0 && displayWidth(build()) > width) hints.pop();
  return truncateToWidth(build(), width);
}

/** Memoized: re-renders only when its props (or its own store slices) change, not on every token. */
export const Footer = memo(function Footer({ width }: { width: number }) {
  const { colors } = useTheme();
  return <Text color={colors.muted}>{footerText(width)}</Text>;
});
