/**
 * Themes and config keys end to end (issue 6): Alt+T previews a theme on the whole screen (the SGR bytes
 * the app writes change), Enter keeps it and writes it into config.json next to the other fields, Esc
 * restores the kept one; a config that moves keys works (help shows the new key, the key acts); a config
 * with a key conflict stops the start with a one-line file:line error and exit code 2.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';
import { e2eScope, until } from './helpers/scope.js';

const ALT_T = '\u001Bt';
const F10 = '\u001B[21~';
const F2 = '\u001BOQ';
/** light.json's border (#8a8a8a) and high-contrast's (whiteBright) as the app writes them (COLORTERM=truecolor). */
const LIGHT_BORDER = '\u001B[38;2;138;138;138m';
const HIGH_CONTRAST_BORDER = '\u001B[97m';

const { cleanups } = e2eScope();

function configDir(config?: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-tui-themes-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  if (config) {
    fs.mkdirSync(path.join(dir, 'r1-tui'));
    fs.writeFileSync(path.join(dir, 'r1-tui', 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  }
  return dir;
}

async function start(cfg: string, args: string[] = ['--demo']): Promise<AppProcess> {
  // The harness sets CI=false for Ink, and chalk reads any CI variable as "no colour": force truecolor.
  const a = await spawnApp(args, { cols: 100, rows: 30, env: { XDG_CONFIG_HOME: cfg, FORCE_COLOR: '3' } });
  cleanups.push(() => a.dispose());
  return a;
}

/** Wait until the bytes written after `from` contain `needle`. */
async function waitForBytes(a: AppProcess, from: number, needle: string, timeoutMs = 10_000): Promise<void> {
  await until(() => a.raw().slice(from).includes(needle), timeoutMs, `${JSON.stringify(needle)} in the output after offset ${from}`, 50);
}

describe('theme picker (Alt+T)', () => {
  it('previews a theme on screen, keeps it with Enter (saved to config.json), Esc restores the kept one', async () => {
    const cfg = configDir({ reasoningMode: 'open', keys: { regenerate: 'alt+g' } });
    const a = await start(cfg);
    await a.waitFor(/connected/, 15_000);
    await a.settle(200);
    expect(a.raw()).not.toContain(LIGHT_BORDER);

    a.write(ALT_T);
    await a.waitFor('Themes · ↑/↓ preview', 5000);
    const beforePreview = a.raw().length;
    for (const name of ['dark-256', 'high-contrast', 'light']) {
      a.write(KEYS.down);
      await a.waitFor(`› ${name}`, 5000);
    }
    // The whole screen is drawn in light's colours before anything is kept: the header and panel too.
    await waitForBytes(a, beforePreview, LIGHT_BORDER);
    a.write(KEYS.enter);
    await a.waitFor(/Theme "light" saved in .*config\.json/, 5000);
    const saved = JSON.parse(fs.readFileSync(path.join(cfg, 'r1-tui', 'config.json'), 'utf8'));
    expect(saved).toEqual({ reasoningMode: 'open', keys: { regenerate: 'alt+g' }, theme: 'light' });

    // Preview high-contrast, then Esc: light comes back.
    a.write(ALT_T);
    await a.waitFor('› light', 5000);
    const beforeSecond = a.raw().length;
    a.write(KEYS.up);
    await a.waitFor('› high-contrast', 5000);
    await waitForBytes(a, beforeSecond, HIGH_CONTRAST_BORDER);
    await a.settle(300); // the whole high-contrast frame, before Esc
    const beforeEsc = a.raw().length;
    a.write(KEYS.esc);
    await a.waitFor((s) => !s.includes('Themes ·'), 5000);
    await waitForBytes(a, beforeEsc, LIGHT_BORDER);
    // From the frame that brought light back (frames are wrapped in synchronized-output marks), no
    // high-contrast colour is written again.
    const lightFrame = a.raw().lastIndexOf('\u001B[?2026h', a.raw().indexOf(LIGHT_BORDER, beforeEsc));
    await a.settle(300);
    expect(a.raw().slice(Math.max(beforeEsc, lightFrame))).not.toContain(HIGH_CONTRAST_BORDER);
    expect(JSON.parse(fs.readFileSync(path.join(cfg, 'r1-tui', 'config.json'), 'utf8')).theme).toBe('light');
  }, 60_000);
});

describe('keys from the config', () => {
  it('a moved key acts and the help shows it; the old key no longer does', async () => {
    const a = await start(configDir({ keys: { verbose: 'f10' } }));
    await a.waitFor(/connected/, 15_000);
    a.write(KEYS.f1);
    await a.waitFor('F10 F3 F4 F5', 5000);
    a.write(KEYS.esc);
    await a.waitFor((s) => !s.includes('F10 F3 F4 F5'), 5000);
    a.write(F2);
    await a.settle(300);
    expect(a.screen()).not.toContain('Statistics (ollama run --verbose)');
    a.write(F10);
    await a.waitFor('Statistics (ollama run --verbose)', 5000);
  }, 60_000);

  it('a key given to two actions stops the start: file, line and field, exit code 2', async () => {
    const cfg = configDir({ keys: { toggleRaw: 'ctrl+g' } });
    const a = await start(cfg);
    const exit = await a.waitExit(10_000);
    expect(exit.exitCode).toBe(2);
    expect(a.raw().replace(/\r?\n/g, '')).toContain(
      `r1-tui: ${path.join(cfg, 'r1-tui', 'config.json')}:3: field "keys.toggleRaw": Ctrl+G is already the key of "regenerate"; give "regenerate" another key too`,
    );
  }, 30_000);
});
