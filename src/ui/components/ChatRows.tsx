/** Exactly `height` chat rows, one <Text> per row keyed by slot index (nodes are reused on scroll). */
import { Text } from 'ink';
import { memo } from 'react';
import type { ChatRow } from '../chatLines.js';
import { useTheme } from '../theme.js';

export const ChatRows = memo(function ChatRows({ rows, height }: { rows: readonly ChatRow[]; height: number }) {
  const { colors } = useTheme();
  return (
    <>
      {Array.from({ length: height }, (_, i) => {
        const row = rows[i];
        if (!row || (row.gutter === '' && row.body === '')) return <Text key={i}> </Text>;
        return (
          <Text key={i}>
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
      })}
    </>
  );
});

/** Plain text lines as chat rows in one colour. */
export function plainRows(lines: readonly string[], token?: ChatRow['bodyToken']): ChatRow[] {
  return lines.map((body) => ({ gutter: '', body, bodyToken: token }));
}
