/** The built CLI runs the subcommands with plain pipes (no TTY, no full-screen code). Needs `npm run build`. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../fake-ollama/index.js';
import { tempDir } from './helpers.js';

const BIN = fileURLToPath(new URL('../../bin/r1-tui.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/commands/run.js', import.meta.url));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: home, XDG_DATA_HOME: path.join(home, 'data'), LANG: 'C.UTF-8', TERM: 'xterm-256color', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let server: FakeOllama;
let home: string;
beforeAll(async () => {
  if (!fs.existsSync(BUILT)) throw new Error('dist/commands/run.js is missing: run `npm run build` first');
  server = await startFakeOllama();
  home = tempDir('r1-cmd-cli-');
});
afterAll(async () => {
  await server.close();
});

describe('r1-tui doctor / bench from the built CLI', () => {
  it('doctor against the fake: exit 0 without a TTY', async () => {
    const r = await run(['doctor', '--host', server.url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('r1-tui doctor');
    expect(r.stdout).toContain(` pass  Ollama reachable at ${server.url} (from --host).`);
  });

  it('doctor against a dead host: exit 1; a bad flag: exit 2 with one line', async () => {
    expect((await run(['doctor', '--host', 'http://127.0.0.1:9'])).code).toBe(1);
    const bad = await run(['doctor', '--colour']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("r1-tui doctor: unknown flag '--colour' for 'r1-tui doctor'\n");
  });

  it('bench --json then --history', async () => {
    const r = await run(['bench', '--host', server.url, '--models', 'deepseek-r1:8b', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.results[0]).toMatchObject({ model: 'deepseek-r1:8b', status: 'ok', processor: '100% GPU' });
    const h = await run(['bench', '--history']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/deepseek-r1:8b +1 /);
  });

  it('a subcommand after a flag is a one-line error; --help lists the commands', async () => {
    const r = await run(['--demo', 'doctor']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("r1-tui: 'doctor' is a command and must come first: r1-tui doctor [flags] (see r1-tui doctor --help)");
    const help = await run(['--help']);
    expect(help.stdout).toContain('r1-tui doctor [--host URL] [--json]');
    expect(help.stdout).toContain('r1-tui bench --history');
  });
});
