import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppStore } from '../../../src/session/store.js';
import { App } from '../../../src/ui/shell/App.js';
import { ThemePicker, windowStart } from '../../../src/ui/theme/ThemePicker.js';
import { ThemeSwitcher, type ThemeChoice } from '../../../src/ui/theme/ThemeSwitch.js';
import type { UiHint } from '../../../src/ui/common/hint.js';
import { useTheme } from '../../../src/ui/theme/theme.js';
import { connectedState, fakeActions, waitFor } from '../helpers.js';
import { defaultTheme, type Theme } from '../../../src/core/theme.js';

const themed = (name: string, accent: string): Theme => ({ name, colors: { ...defaultTheme.colors, accent } });
const CHOICES: ThemeChoice[] = [
  { name: 'dark', theme: defaultTheme },
  { name: 'broken', error: 'themes/broken.json is missing the token "code".' },
  { name: 'high-contrast', theme: themed('high-contrast', 'yellowBright') },
  { name: 'light', theme: themed('light', 'blue'), user: true },
];

/** Prints the theme in force, as every component sees it. */
function Probe() {
  const theme = useTheme();
  return <Text>{`in force: ${theme.name} accent=${theme.colors.accent}`}</Text>;
}

const ALT_T = '\u001Bt';
const DOWN = '\u001B[B';
const UP = '\u001B[A';
const ESC = '\u001B';
const F1 = '\u001BOP';
const tick = () => new Promise((r) => setTimeout(r, 30));

function setup(persist = vi.fn((name: string): UiHint => ({ text: `Theme "${name}" saved.`, level: 'info' })), rows = 24, noColor = false) {
  const store = new AppStore(connectedState(), 0);
  const view = render(
    <ThemeSwitcher initial={defaultTheme} initialName="dark" list={() => CHOICES} persist={persist} noColor={noColor}>
      <Probe />
      <App store={store} actions={fakeActions()} initialSize={{ columns: 80, rows }} />
    </ThemeSwitcher>,
  );
  return { ...view, persist, frame: () => view.lastFrame() ?? '' };
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

async function open(v: ReturnType<typeof setup>) {
  await tick();
  v.stdin.write(ALT_T);
  await waitFor(() => expect(v.frame()).toContain('Themes · ↑/↓ preview · Enter keeps · Esc restores'));
}

describe('theme picker (Alt+T) in the app', () => {
  it('says NO_COLOR keeps colours off only when the CLI found NO_COLOR set', async () => {
    const plain = setup();
    await open(plain);
    expect(plain.frame()).not.toContain('NO_COLOR is set');
    plain.unmount();
    const v = setup(undefined, 24, true);
    unmount = v.unmount;
    await open(v);
    expect(v.frame()).toContain('NO_COLOR is set: colours stay off whatever the theme.');
  });

  it('lists every theme, the kept one marked, a user one marked, a broken one with its error', async () => {
    const v = setup();
    unmount = v.unmount;
    await open(v);
    const f = v.frame();
    expect(f).toContain('› dark');
    expect(f).toMatch(/dark .*kept/);
    expect(f).toMatch(/light .*yours/);
    expect(f).toMatch(/broken +✗ themes\/broken\.json is missing the token "code"\./);
    expect(f).toContain('in force: dark accent=cyan');
  });

  it('↑/↓ previews on everything at once; a broken theme previews nothing; Esc restores', async () => {
    const v = setup();
    unmount = v.unmount;
    await open(v);
    v.stdin.write(DOWN);
    await waitFor(() => expect(v.frame()).toContain('› broken'));
    expect(v.frame()).toContain('in force: dark');
    v.stdin.write(DOWN);
    await waitFor(() => expect(v.frame()).toContain('in force: high-contrast accent=yellowBright'));
    v.stdin.write(DOWN);
    await waitFor(() => expect(v.frame()).toContain('in force: light accent=blue'));
    v.stdin.write(ESC);
    await waitFor(() => expect(v.frame()).toContain('in force: dark accent=cyan'));
    await waitFor(() => expect(v.frame()).not.toContain('Themes ·'));
    expect(v.persist).not.toHaveBeenCalled();
  });

  it('keys sent right after Alt+T in the same read are not lost', async () => {
    const v = setup();
    unmount = v.unmount;
    await tick();
    v.stdin.write(ALT_T);
    v.stdin.write(DOWN);
    v.stdin.write(DOWN);
    await waitFor(() => expect(v.frame()).toContain('in force: high-contrast'));
    expect(v.frame()).toContain('› high-contrast');
  });

  it('Enter keeps the highlighted theme, saves it, closes and shows the notice', async () => {
    const v = setup();
    unmount = v.unmount;
    await open(v);
    v.stdin.write(UP); // wraps to the last one
    await waitFor(() => expect(v.frame()).toContain('in force: light'));
    v.stdin.write('\r');
    await waitFor(() => expect(v.frame()).toContain('Theme "light" saved.'));
    expect(v.persist).toHaveBeenCalledWith('light');
    expect(v.frame()).not.toContain('Themes ·');
    // Opening again starts on the kept one; Esc keeps it.
    v.stdin.write(ALT_T);
    await tick();
    await waitFor(() => expect(v.frame()).toContain('› light'));
    v.stdin.write(ESC);
    await waitFor(() => expect(v.frame()).not.toContain('Themes ·'));
    expect(v.frame()).toContain('in force: light');
  });

  it('Enter on a broken theme keeps nothing and says why', async () => {
    const v = setup();
    unmount = v.unmount;
    await open(v);
    v.stdin.write(DOWN);
    await tick();
    v.stdin.write('\r');
    await waitFor(() => expect(v.frame()).toContain('broken cannot be used'));
    expect(v.persist).not.toHaveBeenCalled();
    expect(v.frame()).toContain('Themes ·');
  });

  it('leaving for the help (F1) puts the kept theme back', async () => {
    const v = setup();
    unmount = v.unmount;
    await open(v);
    v.stdin.write(UP);
    await waitFor(() => expect(v.frame()).toContain('in force: light'));
    v.stdin.write(F1);
    await waitFor(() => expect(v.frame()).toContain('Help · Esc or F1 closes'));
    await waitFor(() => expect(v.frame()).toContain('in force: dark'));
  });

  it('shows sample rows when there is room', async () => {
    const tall = setup(undefined, 30);
    unmount = tall.unmount;
    await open(tall);
    expect(tall.frame()).toContain('you  What does quantization do?');
    expect(tall.frame()).toContain('connected · stopped · unreachable');
  });

  it('keeps the highlighted row in view in a short pane', () => {
    expect(windowStart(4, 3, 10)).toBe(0);
    expect(windowStart(20, 0, 5)).toBe(0);
    expect(windowStart(20, 10, 5)).toBe(8);
    expect(windowStart(20, 19, 5)).toBe(15);
  });

  it('without a theme switcher, Alt+T opens a picker that says themes cannot switch', async () => {
    const store = new AppStore(connectedState(), 0);
    const v = render(<App store={store} actions={fakeActions()} initialSize={{ columns: 80, rows: 24 }} />);
    unmount = v.unmount;
    await tick();
    v.stdin.write(ALT_T);
    await waitFor(() => expect(v.lastFrame()).toContain('Themes cannot be switched here.'));
    v.stdin.write(ESC);
    await waitFor(() => expect(v.lastFrame()).not.toContain('Themes ·'));
  });
});
