import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ThemePicker, windowStart } from '../../src/ui/components/ThemePicker.js';
import { ThemeSwitcher, type ThemeChoice, type ThemeNotice } from '../../src/ui/contexts/ThemeSwitch.js';
import { defaultTheme, useTheme, type Theme } from '../../src/ui/theme.js';
import { connectedState, renderApp, waitFor } from './helpers.js';

const themed = (name: string, accent: string): Theme => ({ name, colors: { ...defaultTheme.colors, accent } });
const CHOICES: ThemeChoice[] = [
  { name: 'dark', theme: defaultTheme },
  { name: 'broken', error: 'themes/broken.json is missing the token "code".' },
  { name: 'high-contrast', theme: themed('high-contrast', 'yellowBright') },
  { name: 'light', theme: themed('light', 'blue') },
];

/** Prints the theme in force, as every component sees it. */
function Probe() {
  const theme = useTheme();
  return <Text>{`in force: ${theme.name} accent=${theme.colors.accent}`}</Text>;
}

const DOWN = '\u001B[B';
const UP = '\u001B[A';
const ESC = '\u001B';
const tick = () => new Promise((r) => setTimeout(r, 30));

function setup(persist = vi.fn((name: string): ThemeNotice => ({ text: `Theme "${name}" saved.`, level: 'info' }))) {
  const onKept = vi.fn();
  const view = render(
    <ThemeSwitcher initial={defaultTheme} initialName="dark" list={() => CHOICES} persist={persist}>
      <Probe />
      <ThemePicker width={70} height={10} onKept={onKept} />
    </ThemeSwitcher>,
  );
  return { ...view, persist, onKept, frame: () => view.lastFrame() ?? '' };
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('ThemePicker', () => {
  it('lists every theme, the kept one marked, a broken one with its error', () => {
    const v = setup();
    unmount = v.unmount;
    const f = v.frame();
    expect(f).toContain('› dark');
    expect(f).toMatch(/dark .*kept/);
    expect(f).toMatch(/broken +✗ themes\/broken\.json is missing the token "code"\./);
    expect(f).toContain('high-contrast');
    expect(f).toContain('in force: dark accent=cyan');
  });

  it('↑/↓ previews on everything at once; a broken theme previews nothing; Esc restores', async () => {
    const v = setup();
    unmount = v.unmount;
    v.stdin.write(DOWN);
    await tick();
    expect(v.frame()).toContain('› broken');
    expect(v.frame()).toContain('in force: dark');
    expect(v.frame()).toContain('missing the token "code"');
    v.stdin.write(DOWN);
    await waitFor(() => expect(v.frame()).toContain('in force: high-contrast accent=yellowBright'));
    v.stdin.write(DOWN);
    await waitFor(() => expect(v.frame()).toContain('in force: light accent=blue'));
    v.stdin.write(ESC);
    await waitFor(() => expect(v.frame()).toContain('in force: dark accent=cyan'));
    expect(v.persist).not.toHaveBeenCalled();
    expect(v.onKept).not.toHaveBeenCalled();
  });

  it('Enter keeps the highlighted theme, saves it and reports the notice', async () => {
    const v = setup();
    unmount = v.unmount;
    v.stdin.write(UP); // wraps to the last one
    await waitFor(() => expect(v.frame()).toContain('in force: light'));
    v.stdin.write('\r');
    await waitFor(() => expect(v.onKept).toHaveBeenCalledWith({ text: 'Theme "light" saved.', level: 'info' }));
    expect(v.persist).toHaveBeenCalledWith('light');
    // Esc after keeping does not go back: the kept theme is the new one.
    v.stdin.write(ESC);
    await tick();
    expect(v.frame()).toContain('in force: light');
  });

  it('Enter on a broken theme keeps nothing and says why', async () => {
    const v = setup();
    unmount = v.unmount;
    v.stdin.write(DOWN);
    await tick();
    v.stdin.write('\r');
    await waitFor(() => expect(v.frame()).toContain('broken cannot be used'));
    expect(v.persist).not.toHaveBeenCalled();
    expect(v.onKept).not.toHaveBeenCalled();
  });

  it('closing without Enter (unmount) puts the kept theme back', async () => {
    function Host({ open }: { open: boolean }) {
      return (
        <ThemeSwitcher initial={defaultTheme} initialName="dark" list={() => CHOICES}>
          <Probe />
          {open ? <ThemePicker width={70} height={10} onKept={() => {}} /> : null}
        </ThemeSwitcher>
      );
    }
    const v = render(<Host open />);
    unmount = v.unmount;
    v.stdin.write(UP);
    await waitFor(() => expect(v.lastFrame()).toContain('in force: light'));
    v.rerender(<Host open={false} />);
    await waitFor(() => expect(v.lastFrame()).toContain('in force: dark'));
  });

  it('shows sample rows when there is room, none in a short pane', () => {
    const tall = render(
      <ThemeSwitcher initial={defaultTheme} initialName="dark" list={() => CHOICES}>
        <ThemePicker width={70} height={16} onKept={() => {}} />
      </ThemeSwitcher>,
    );
    expect(tall.lastFrame()).toContain('you  What does quantization do?');
    expect(tall.lastFrame()).toContain('connected · stopped · unreachable');
    tall.unmount();
    const v = setup();
    unmount = v.unmount;
    expect(v.frame()).not.toContain('What does quantization do?');
  });

  it('keeps the highlighted row in view in a short pane', () => {
    expect(windowStart(4, 3, 10)).toBe(0);
    expect(windowStart(20, 0, 5)).toBe(0);
    expect(windowStart(20, 10, 5)).toBe(8);
    expect(windowStart(20, 19, 5)).toBe(15);
  });
});

describe('Alt+T in the app', () => {
  it('opens the picker in place of the chat and Esc closes it', async () => {
    const v = renderApp(connectedState());
    unmount = v.unmount;
    v.stdin.write('\u001Bt');
    await waitFor(() => expect(v.frame()).toContain('Themes · ↑/↓ preview · Enter keeps · Esc restores'));
    v.stdin.write(ESC);
    await waitFor(() => expect(v.frame()).not.toContain('Themes ·'));
  });
});
