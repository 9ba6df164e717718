/**
 * The message box: a bordered, multi-line view of the input buffer showing the rows around the caret,
 * with the real terminal cursor placed at the caret (useCaret) so IME candidate windows appear there.
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { InputBuffer } from './inputBuffer.js';
import { inputView } from './inputView.js';
import { useTheme } from '../theme/theme.js';
import { useCaret } from '../shell/useCaret.js';

export interface InputBoxProps {
  buffer: InputBuffer;
  width: number;
  /** Text rows inside the border. */
  textRows: number;
  /** Row of the box's top edge from the top of the frame (for the cursor). */
  top: number;
  /** False while an overlay has the keyboard: no cursor. */
  focused: boolean;
  placeholder?: string;
}

const PROMPT = '> ';
const INDENT = '  ';

/** Columns available for text: border (2) + prompt (2). */
export function inputTextWidth(boxWidth: number): number {
  return Math.max(1, boxWidth - 4);
}

/** Text rows the buffer wants (1..max), without measuring more than `max` rows. */
export function inputRowsWanted(buffer: InputBuffer, boxWidth: number, max: number): number {
  return inputView(buffer, inputTextWidth(boxWidth), max).rows.length;
}

/** Memoized: re-renders only when its props (or its own store slices) change, not on every token. */
export const InputBox = memo(function InputBox({ buffer, width, textRows, top, focused, placeholder }: InputBoxProps) {
  const { colors } = useTheme();
  const setCursorPosition = useCaret();
  const view = inputView(buffer, inputTextWidth(width), textRows);
  const caretRow = Math.min(view.caretRow, textRows - 1);
  setCursorPosition(focused ? { x: 1 + PROMPT.length + view.caretColumn, y: top + 1 + caretRow } : undefined);
  const empty = buffer.text === '';
  return (
    <Box width={width} height={textRows + 2} borderStyle="single" borderColor={focused ? colors.borderActive : colors.border} flexDirection="column">
      {Array.from({ length: textRows }, (_, i) => (
        <Text key={i}>
          <Text color={colors.accent}>{i === 0 ? PROMPT : INDENT}</Text>
          {empty && i === 0 && placeholder ? (
            <Text color={colors.muted}>{placeholder.slice(0, inputTextWidth(width))}</Text>
          ) : (
            <Text color={colors.text}>{view.rows[i] ?? ''}</Text>
          )}
        </Text>
      ))}
    </Box>
  );
});
