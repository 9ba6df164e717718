/**
 * LANG=C: everything the app draws (borders, bars, sparklines, pointers, separators) has an ASCII form of
 * the same width, so a non-UTF-8 terminal gets a whole, aligned screen. Checked on real frames.
 */
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { asciiText } from '../../../src/core/charset.js';
import { connectedState, KEYS, renderApp, ticks, waitFor } from '../helpers.js';
import { makeTurn } from '../turns.js';

afterEach(() => cleanup());
// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001B\[[0-9;]*m/g, '');
const nonAscii = (s: string) => [...new Set([...s].filter((c) => c.charCodeAt(0) > 0x7e))].join('');

describe('ASCII screen for a non-UTF-8 locale', () => {
  it.each([
    [120, 40],
    [80, 24],
  ])('at %ix%i the main screen, help and the model picker are all ASCII, with +-| borders', async (columns, rows) => {
    const turns = [makeTurn(1, { status: 'done', answer: 'Plain answer.', thinking: 'Plain thinking.' })];
    const app = renderApp(connectedState({ turns }), { columns, rows });
    await ticks();
    await waitFor(() => expect(app.frame()).toContain('Plain answer.'));
    const screens = [app.frame()];
    app.stdin.write(KEYS.f1);
    await waitFor(() => expect(app.frame()).not.toBe(screens[0]));
    screens.push(app.frame());
    app.stdin.write(KEYS.esc);
    await ticks(5);
    app.stdin.write(KEYS.ctrlP);
    await ticks(5);
    screens.push(app.frame());
    for (const screen of screens) {
      const ascii = plain(asciiText(screen));
      expect(nonAscii(ascii)).toBe('');
      const lines = ascii.split('\n');
      expect(lines.some((l) => /^\+[ -]/.test(l) && /-\+/.test(l))).toBe(true);
      expect(lines.some((l) => l.startsWith('|'))).toBe(true);
    }
  });
});
