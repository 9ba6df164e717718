/** Exactly `height` chat rows, one <Text> per row keyed by slot index (nodes are reused on scroll). */
import { Text } from 'ink';
import { memo } from 'react';
import type { ChatRow } from './chatLines.js';
import { useTheme } from '../theme/theme.js';
import type { Theme } from '../../core/theme.js';

/**
 * One row. Rows of finished turns are cached objects, so a frame re-renders only the rows whose object
 * changed (the streaming tail, or rows that moved to another slot).
 */
const ChatRowLine = memo(function ChatRowLine({ row, colors }: { row: ChatRow | undefined; colors: Theme['colors'] }) {
  if (!row || (row.gutter === '' && row.body === '')) return <Text> </Text>;
  return (
    <Text>
      {' '}
      <Text color={row.gutterToken ? colors[row.gutterToken] : undefined} bold>
        {row.gutter}
      </Text>
      {row.spans ? (
        row.spans.map((span, k) => (
          <Text
            key={k}
            color={colors[span.token ?? row.bodyToken ?? 'text']}
            bold={span.bold}
            italic={span.italic}
            strikethrough={span.strike}
            underline={span.underline}
          >
            {span.text}
          </Text>
        ))
      ) : (
        <Text color={row.bodyToken ? colors[row.bodyToken] : undefined} bold={row.bold}>
          {row.body}
        </Text>
      )}
    </Text>
  );
});

export const ChatRows = memo(function ChatRows({ rows, height }: { rows: readonly ChatRow[]; height: number }) {
  const { colors } = useTheme();
  return (
    <>
      {Array.from({ length: height }, (_, i) => (
        <ChatRowLine key={i} row={rows[i]} colors={colors} />
      ))}
    </>
  );
});

/** Plain text lines as chat rows in one colour. */
export function plainRows(lines: readonly string[], token?: ChatRow['bodyToken']): ChatRow[] {
  return lines.map((body) => ({ gutter: '', body, bodyToken: token }));
}
