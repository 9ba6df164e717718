/**
 * Smoke test of a start as a user makes it, run on every supported Node (scripts/node-matrix.sh) and
 * against an installed tarball (scripts/pack-smoke.sh): `r1-tui --demo` in a real pty, ask a question,
 * see the whole answer, quit, terminal restored, exit code 0, and NOTHING on stderr (a deprecation
 * warning of the running Node would land there).
 *
 * R1_TUI_SMOKE_BIN=/path/to/r1-tui runs that executable (an `npm install -g` result; its shebang finds
 * `node` on PATH) instead of `node bin/r1-tui.js` from this checkout.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import nodeModule from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eScope, ask } from './helpers/scope.js';
import { KEYS, builtCliPath, repoRoot, spawnCommand, type AppProcess } from './helpers/pty.js';

const { cleanups } = e2eScope();
const installedBin = process.env.R1_TUI_SMOKE_BIN;

/** The package the smoke runs: this checkout, or the installed one the bin symlink points into. */
function packageRoot(): string {
  return installedBin ? path.dirname(path.dirname(fs.realpathSync(installedBin))) : repoRoot();
}

/** `r1-tui <args>` with stderr sent to a file of its own (in a pty, stderr would mix into the screen). */
function command(args: string[], stderrFile: string): { file: string; args: string[] } {
  const start = installedBin ? [installedBin] : [process.execPath, builtCliPath().bin];
  return { file: '/bin/sh', args: ['-c', 'exec "$@" 2>"$R1_SMOKE_STDERR"', 'sh', ...start, ...args] };
}

function tempFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-tui-smoke-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, name);
}

const headerRow = (s: string): string => s.split('\n')[0] ?? '';

describe(`smoke on Node ${process.version}${installedBin ? ` (installed: ${installedBin})` : ''}`, () => {
  it('--demo: ask, see the whole answer, quit; terminal restored, exit 0, stderr empty', async () => {
    const stderrFile = tempFile('stderr.txt');
    const { file, args } = command(['--demo'], stderrFile);
    const a: AppProcess = await spawnCommand(file, args, {
      cols: 100,
      rows: 30,
      cwd: installedBin ? os.tmpdir() : repoRoot(),
      env: { R1_SMOKE_STDERR: stderrFile, OLLAMA_HOST: 'http://127.0.0.1:9' },
    });
    cleanups.push(() => a.dispose());
    await a.waitFor((s) => /DEMO/.test(headerRow(s)) && /connected/.test(headerRow(s)), 30_000);
    await ask(a, 'What is this?');
    // the demo reply's last sentence: the whole answer has streamed
    const answered = await a.waitFor(/To chat with a real model, start Ollama/, 60_000);
    expect(answered).toMatch(/r1-tui demo backend/);
    expect(answered).toContain('What is this?');
    await a.waitFor((s) => !/answering|thinking/i.test(headerRow(s)), 10_000).catch(() => undefined);
    await a.settle(300, 3_000);
    a.write(KEYS.ctrlC);
    const exit = await a.waitExit(15_000);
    expect(exit.exitCode).toBe(0);
    expect(a.terminalRestored()).toBe(true);
    // Ink's restore-cursor writes "show cursor" (ESC[?25h) to stderr at exit: a terminal control, not text.
    const stderr = fs.readFileSync(stderrFile, 'utf8');
    expect(stderr.replaceAll('\u001B[?25h', '')).toBe('');
  }, 120_000);

  it('the Ink patches load through the API this Node has, with no warning', async () => {
    const loader = path.join(packageRoot(), 'dist', 'terminal', 'inkPatchLoader.js');
    const script = [
      "import nodeModule from 'node:module';",
      "import { createRequire } from 'node:module';",
      `const { installInkPatches } = await import(${JSON.stringify(loader)});`,
      'const result = installInkPatches({ loader: nodeModule });',
      `const require = createRequire(${JSON.stringify(loader)});`,
      "const build = require.resolve('ink').replace(/index\\.js$/, '');",
      "const { default: Output } = await import(build + 'output.js');",
      "const { default: renderNodeToOutput } = await import(build + 'render-node-to-output.js');",
      'console.log(JSON.stringify({ ...result, patched: [',
      "  Output.prototype.get.toString().includes('r1Segments'),",
      "  renderNodeToOutput.toString().includes('r1WidestLine(text)'),",
      '] }));',
    ].join('\n');
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve({ stdout: out, stderr: err }),
      );
    });
    const expectedApi = typeof (nodeModule as { registerHooks?: unknown }).registerHooks === 'function' ? 'registerHooks' : 'register';
    expect(JSON.parse(stdout)).toEqual({ api: expectedApi, patched: [true, true] });
    expect(stderr).toBe('');
  });
});
