/**
 * A bordered pane with a title in its top edge and an optional label in its bottom edge, exactly
 * `width` x `height` cells. The top and bottom edges are drawn as text so they can carry labels.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { displayWidth, truncateToWidth } from '../../core/wrap.js';
import { useTheme } from '../theme/theme.js';

export interface FrameProps {
  title: string;
  width: number;
  height: number;
  /** Shown at the right of the bottom edge (e.g. "↓ 12 more"). */
  bottomLabel?: string;
  active?: boolean;
  children: ReactNode;
}

export function edgeLine(left: string, label: string, right: string, width: number, alignRight = false): string {
  const inner = Math.max(0, width - 2);
  const text = label === '' ? '' : truncateToWidth(` ${label} `, Math.max(0, inner - 1));
  const fill = Math.max(0, inner - displayWidth(text));
  if (text === '') return left + '─'.repeat(inner) + right;
  return alignRight
    ? left + '─'.repeat(Math.max(0, fill - 1)) + text + '─'.repeat(Math.min(1, fill)) + right
    : left + text + '─'.repeat(fill) + right;
}

export function Frame({ title, width, height, bottomLabel, active, children }: FrameProps) {
  const { colors } = useTheme();
  const border = active ? colors.borderActive : colors.border;
  const inner = Math.max(0, height - 2);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color={border}>{edgeLine('┌', title, '┐', width)}</Text>
      <Box
        width={width}
        height={inner}
        borderStyle="single"
        borderTop={false}
        borderBottom={false}
        borderColor={border}
        flexDirection="column"
        overflow="hidden"
      >
        {children}
      </Box>
      <Text color={border}>{edgeLine('└', bottomLabel ?? '', '┘', width, true)}</Text>
    </Box>
  );
}
