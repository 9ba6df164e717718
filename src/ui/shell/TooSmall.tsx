/** The whole screen when the terminal is below the minimum size: one clear sentence, nothing else. */
import { Box, Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from './layout.js';
import { useTheme } from '../theme/theme.js';

export function tooSmallMessage(columns: number, rows: number): string {
  return `Terminal too small: ${columns}x${rows}. r1-tui needs at least ${MIN_COLUMNS}x${MIN_ROWS}. Enlarge the window (or zoom out).`;
}

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  const { colors } = useTheme();
  return (
    <Box width={Math.max(1, columns)} height={Math.max(1, rows - 1)} overflow="hidden">
      <Text color={colors.warn} wrap="wrap">
        {tooSmallMessage(columns, rows)}
      </Text>
    </Box>
  );
}
