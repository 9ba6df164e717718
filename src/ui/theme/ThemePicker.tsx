/**
 * Alt+T: the themes in place of the chat. ↑/↓ previews the highlighted theme on the whole screen, Enter
 * keeps it (and saves it in the config), Esc or Alt+T puts the kept one back (the shell closes the
 * overlay). A theme file that fails its check is listed with its error and cannot be chosen.
 * Its state lives in ThemeSwitcher and the shell's key dispatcher drives it (no key is lost right after
 * Alt+T); leaving it any other way (F1, F2, too small a window) also restores the kept theme.
 */
import { Box, Text } from 'ink';
import { useEffect, useRef } from 'react';
import { displayWidth, padToWidth, truncateToWidth, wrapText } from '../../core/wrap.js';
import { useThemeSwitch, type ThemeSwitch } from './ThemeSwitch.js';
import { useTheme } from './theme.js';
import { Frame } from '../common/Frame.js';
import type { ThemeToken } from '../../core/theme.js';

export interface ThemePickerProps {
  width: number;
  height: number;
  /** NO_COLOR is set: say why nothing changes (default: what the theme switch was told). */
  noColor?: boolean;
  /** Overrides the context (tests). */
  themeSwitch?: ThemeSwitch;
}

/** The tokens drawn as swatches next to each theme's name. */
export const SWATCH_TOKENS: readonly ThemeToken[] = ['text', 'accent', 'user', 'assistant', 'thinking', 'ok', 'warn', 'error', 'barFill', 'code'];

/** First row of the list window that keeps `index` visible. */
export function windowStart(count: number, index: number, rows: number): number {
  if (count <= rows) return 0;
  return Math.min(Math.max(0, index - Math.floor(rows / 2)), count - rows);
}

const SAMPLE_ROWS = 4;

/** Sample chat rows in the theme in force (the previewed one): labels, text, code, reasoning, states. */
function ThemeSample({ width }: { width: number }) {
  const { colors } = useTheme();
  const fit = (s: string) => truncateToWidth(s, Math.max(1, width - 6));
  return (
    <>
      <Text> </Text>
      <Text>
        <Text color={colors.user} bold>{' you  '}</Text>
        <Text color={colors.text}>{fit('What does quantization do?')}</Text>
      </Text>
      <Text>
        <Text color={colors.assistant} bold>{' r1   '}</Text>
        <Text color={colors.text}>{'Fewer bits per weight: '}</Text>
        <Text color={colors.code}>{'q8_0'}</Text>
        <Text color={colors.text}>{' keeps eight.'}</Text>
      </Text>
      <Text color={colors.thinking}>{fit(' ▸ Thought 12 s · 340 tok · 28.3 tok/s')}</Text>
      <Text>
        <Text color={colors.ok}>{' connected'}</Text>
        <Text color={colors.muted}>{' · '}</Text>
        <Text color={colors.warn}>{'stopped'}</Text>
        <Text color={colors.muted}>{' · '}</Text>
        <Text color={colors.error}>{'unreachable'}</Text>
      </Text>
    </>
  );
}

/** Draws the picker held by ThemeSwitcher (the shell's key dispatcher moves it). */
export function ThemePicker({ width, height, noColor, themeSwitch }: ThemePickerProps) {
  const fromContext = useThemeSwitch();
  const control = themeSwitch ?? fromContext;
  const { colors } = useTheme();
  const controlRef = useRef(control);
  controlRef.current = control;
  const state = control?.picker;
  const session = useRef(state?.session);
  session.current ??= state?.session;
  // Leaving without Enter (Esc, F1, F2, a resize to too small) puts the kept theme back. The session
  // makes a late cleanup (React runs it after the next key) leave a newer opening alone.
  useEffect(() => () => controlRef.current?.closePicker(session.current ?? -1), []);

  const entries = state?.entries ?? [];
  const index = state?.index ?? 0;
  const problem = state?.problem;
  const inner = Math.max(1, width - 4);
  const textRows = Math.max(0, height - 2);
  const notes: string[] = [];
  if (!control) notes.push('Themes cannot be switched here.');
  else if (entries.length === 0) notes.push('No theme files found in themes/.');
  if (noColor ?? control?.noColor) notes.push('NO_COLOR is set: colours stay off whatever the theme.');
  const selected = entries[index];
  const detail = problem ?? (selected && 'error' in selected ? selected.error : undefined);
  const detailRows = detail ? wrapText(detail, inner).slice(0, 3) : [];
  const listRows = Math.max(1, textRows - notes.length - (detailRows.length > 0 ? detailRows.length + 1 : 0));
  // With room to spare, a few sample rows show the tokens the (empty) chat would use.
  const showSample = entries.length > 0 && textRows - notes.length - entries.length - (detailRows.length > 0 ? detailRows.length + 1 : 0) >= SAMPLE_ROWS + 1;
  const first = windowStart(entries.length, index, listRows);
  const nameWidth = Math.min(24, Math.max(8, ...entries.map((e) => displayWidth(e.name)))) + 2;
  const hidden = entries.length - listRows;

  return (
    <Frame
      title="Themes · ↑/↓ preview · Enter keeps · Esc restores"
      width={width}
      height={height}
      active
      bottomLabel={hidden > 0 ? `${index + 1}/${entries.length}` : undefined}
    >
      {notes.map((note) => (
        <Text key={note} color={colors.muted}>
          {' '}
          {truncateToWidth(note, inner)}
        </Text>
      ))}
      {entries.slice(first, first + listRows).map((entry, i) => {
        const at = first + i;
        const here = at === index;
        const marker = here ? '› ' : '  ';
        const name = padToWidth(truncateToWidth(entry.name, nameWidth - 1), nameWidth);
        const room = Math.max(0, inner - 2 - nameWidth);
        if ('error' in entry) {
          return (
            <Box key={entry.name} width={width - 2}>
              <Text color={here ? colors.accent : colors.muted} bold={here}>{` ${marker}${name}`}</Text>
              <Text color={colors.error}>{truncateToWidth(`✗ ${entry.error}`, room)}</Text>
            </Box>
          );
        }
        const tag = `${entry.user ? ' yours' : ''}${entry.name === control?.keptName ? ' kept' : ''}`;
        const swatches = SWATCH_TOKENS.slice(0, Math.max(0, Math.floor((room - displayWidth(tag)) / 2)));
        return (
          <Box key={entry.name} width={width - 2}>
            <Text color={here ? colors.accent : colors.text} bold={here}>{` ${marker}${name}`}</Text>
            {swatches.map((token) => (
              <Text key={token} color={entry.theme.colors[token]}>
                {'█ '}
              </Text>
            ))}
            <Text color={colors.muted}>{tag}</Text>
          </Box>
        );
      })}
      {showSample ? <ThemeSample width={inner} /> : null}
      {detailRows.length > 0 ? <Text> </Text> : null}
      {detailRows.map((row, i) => (
        <Text key={i} color={colors.error}>
          {' '}
          {row}
        </Text>
      ))}
    </Frame>
  );
}
