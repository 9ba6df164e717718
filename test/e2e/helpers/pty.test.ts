import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, spawnApp, spawnCommand, type AppProcess } from './pty.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtureApp.mjs');
const apps: AppProcess[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

async function startFixture(cols = 80, rows = 24): Promise<AppProcess> {
  const app = await spawnCommand(process.execPath, [fixture], { cols, rows });
  apps.push(app);
  return app;
}

describe('pty harness (self-test with a fixture app)', () => {
  it('shows the screen, echoes keys, counts frames and clears, resizes, and sees the terminal restored', async () => {
    const app = await startFixture();
    await app.waitFor('READY 80x24');
    const settleStart = Date.now();
    await app.settle(150, 3_000);
    expect(Date.now() - settleStart).toBeGreaterThanOrEqual(150);
    expect(app.frames).toBe(1);
    app.write('abc');
    const screen = await app.waitFor(/typed: abc 漢字/);
    expect(screen.split('\n')).toHaveLength(24);
    expect(screen.split('\n')[0]).toBe('typed: abc 漢字'); // trailing spaces trimmed
    expect(app.frames).toBeGreaterThanOrEqual(2);
    expect(app.fullClears).toBe(0);
    app.resize(100, 30);
    await app.waitFor('SIZE 100x30');
    expect(app.screen().split('\n')).toHaveLength(30);
    app.write('c');
    await app.waitFor((s) => !s.includes('typed'));
    expect(app.fullClears).toBe(1);
    expect(app.terminalRestored()).toBe(false);
    app.write(`x${KEYS.backspace}`); // raw bytes reach the app unchanged
    await app.waitFor('typed: abcx');
    await app.waitFor(() => app.raw().includes('typed: abcx\u007F'), 2_000);
    app.write('q');
    expect(await app.waitExit(5_000)).toEqual({ exitCode: 0 });
    expect(app.terminalRestored()).toBe(true);
    expect(app.bytes).toBe(Buffer.byteLength(app.raw()));
  });

  it('gives the child CI=false, TERM=xterm-256color and a temp HOME', async () => {
    const app = await spawnCommand(
      process.execPath,
      ['-e', 'console.log([process.env.CI, process.env.TERM, process.env.HOME, process.env.XDG_STATE_HOME, process.env.EXTRA].join("|"))'],
      { env: { EXTRA: 'yes' } },
    );
    apps.push(app);
    await app.waitExit(5_000);
    const [ci, term, home, state, extra] = app.screen().split('\n')[0]!.split('|');
    expect([ci, term, extra]).toEqual(['false', 'xterm-256color', 'yes']);
    expect(home).toBe(app.home);
    expect(state).toBe(path.join(app.home, '.local', 'state'));
  });

  it('waitFor times out with an error that shows the current screen', async () => {
    const app = await startFixture();
    await app.waitFor('READY');
    await expect(app.waitFor('never appears', 200)).rejects.toThrow(/Timed out after 200 ms[\s\S]*READY 80x24/);
  });

  it('kill() delivers a signal and exited resolves', async () => {
    const app = await startFixture();
    await app.waitFor('READY');
    app.kill('SIGTERM');
    const info = await app.waitExit(5_000);
    expect(info.exitCode).toBe(143);
    expect(app.terminalRestored()).toBe(true);
  });

  it('spawnApp fails with a clear sentence when the app is not built', async () => {
    const empty = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'r1-nobuild-'));
    await expect(spawnApp([], { cwd: empty })).rejects.toThrow(/not built.*npm run build/);
  });
});
