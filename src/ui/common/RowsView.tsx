/**
 * Renders pre-built rows: one <Text> per row, keyed by slot so a refresh changes text in place
 * instead of mounting nodes. Rows must already fit the width (see row.ts fitRow).
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import { useTheme } from '../theme/theme.js';
import type { Row } from './row.js';
import type { Theme } from '../../core/theme.js';

export interface RowsViewProps {
  rows: Row[];
  width: number;
}

/** Same text, colours and weight in every segment. */
export function sameRow(a: Row, b: Row): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.text !== y.text || x.tone !== y.tone || x.bold !== y.bold) return false;
  }
  return true;
}

/** One row; re-rendered only when its content changed (panel rows are rebuilt on every frame). */
const RowLine = memo(
  function RowLine({ row, colors }: { row: Row; colors: Theme['colors'] }) {
    return (
      <Text wrap="truncate-end">
        {row.length === 0
          ? ' '
          : row.map((s, j) => (
              <Text key={j} color={s.tone ? colors[s.tone] : undefined} bold={s.bold}>
                {s.text}
              </Text>
            ))}
      </Text>
    );
  },
  (prev, next) => prev.colors === next.colors && sameRow(prev.row, next.row),
);

export function RowsView({ rows, width }: RowsViewProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width} height={rows.length} flexShrink={0} overflow="hidden">
      {rows.map((row, i) => (
        <RowLine key={i} row={row} colors={theme.colors} />
      ))}
    </Box>
  );
}
