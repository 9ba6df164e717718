/** One row for a notice (session notices or a UI hint), coloured by level. */
import { Text } from 'ink';
import { sanitize } from '../../core/sanitize.js';
import { truncateToWidth } from '../../core/wrap.js';
import type { Notice } from '../../session/types.js';
import { useTheme } from '../theme/theme.js';

const TOKEN = { info: 'muted', warn: 'warn', error: 'error' } as const;

export function NoticeRow({ notice, width }: { notice: Pick<Notice, 'text' | 'level'>; width: number }) {
  const { colors } = useTheme();
  const text = sanitize(notice.text).replace(/\s+/g, ' ');
  return <Text color={colors[TOKEN[notice.level]]}>{truncateToWidth(` ${text}`, width)}</Text>;
}
