/**
 * Renders pre-built rows: one <Text> per row, keyed by slot so a refresh changes text in place
 * instead of mounting nodes. Rows must already fit the width (see row.ts fitRow).
 */
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import type { Row } from './row.js';

export interface RowsViewProps {
  rows: Row[];
  width: number;
}

export function RowsView({ rows, width }: RowsViewProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width} height={rows.length} flexShrink={0} overflow="hidden">
      {rows.map((row, i) => (
        <Text key={i} wrap="truncate-end">
          {row.length === 0
            ? ' '
            : row.map((s, j) => (
                <Text key={j} color={s.tone ? theme.colors[s.tone] : undefined} bold={s.bold}>
                  {s.text}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}
