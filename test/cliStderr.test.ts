/**
 * Issue 17: nothing r1-tui writes to stderr carries a raw escape or control sequence, whatever the
 * config file, OLLAMA_HOST or a flag value holds (each message is sanitized where it is written). The
 * built CLI with plain pipes; needs `npm run build`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/r1-tui.js', import.meta.url));
const OSC = '\u001B]0;pwned\u0007';
const SGR = '\u001B[31m';

function run(args: string[], env: Record<string, string>, home: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), LANG: 'C.UTF-8', TERM: 'xterm-256color', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

function home(config?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-stderr-'));
  if (config !== undefined) {
    fs.mkdirSync(path.join(dir, 'config', 'r1-tui'), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dir, 'config', 'r1-tui', 'config.json'), config, { mode: 0o600 });
  }
  return dir;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

describe('stderr carries no escape sequences', () => {
  it.each([
    ['a config value', ['--demo'], {}, `{"theme": "${OSC}${SGR}dark"}`],
    ['a config syntax error snippet', ['--demo'], {}, `{"theme": "x" ${OSC} }`],
    ['OLLAMA_HOST', [], { OLLAMA_HOST: `http://${OSC}host:99999` }, undefined],
    ['a --host flag', ['--host', `${SGR}bad host${OSC}`], {}, undefined],
    ['a --model flag', ['--model', ''], {}, undefined],
    ['an unknown flag', [`--${OSC}x`], {}, undefined],
    ['a bench flag', ['bench', '--host', `${OSC}`], {}, undefined],
    ['an unknown command', [`${OSC}cmd`], {}, undefined],
  ] as const)('%s', async (_what, args, env, config) => {
    const r = await run([...args], env, home(config));
    expect(r.code).not.toBe(0);
    expect(r.stderr.length).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(CONTROL);
  }, 60_000); // a node start-up each: slow on a loaded machine
});
