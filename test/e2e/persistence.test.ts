/**
 * Issue 6 end to end: a turn is saved as it finishes; quitting and `r1-tui --resume` brings the
 * conversation back with its reasoning and metrics; `--export` writes readable Markdown; a broken
 * config is one precise line and exit 2.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../../src/fake/server.js';
import { scriptFromText } from '../../src/fake/scripts.js';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';

const THINKING = 'Okay, the user wants a greeting function. A tiny TypeScript example will do.';
const ANSWER = 'Here it is:\n\n```ts\nfunction hello(): string {\n  return "hi";\n}\n```\n\nCall `hello()` to greet.';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
});

async function app(args: string[], env: Record<string, string>): Promise<AppProcess> {
  const a = await spawnApp(args, { cols: 120, rows: 40, env });
  cleanups.push(() => a.dispose());
  return a;
}

describe('saved conversations', () => {
  it('saves a turn, --resume brings it back with its reasoning, --export writes Markdown', async () => {
    const f: FakeOllama = await startFakeOllama({ script: () => scriptFromText(THINKING, ANSWER, 80) });
    cleanups.push(() => f.close());
    const base = mkdtempSync(join(tmpdir(), 'r1-e2e-persist-'));
    cleanups.push(() => rmSync(base, { recursive: true, force: true }));
    const env = { XDG_DATA_HOME: join(base, 'data'), XDG_CONFIG_HOME: join(base, 'config') };

    const first = await app(['--host', f.url, '--model', 'deepseek-r1:32b'], env);
    await first.waitFor(/connected/, 15_000);
    first.write('Write a hello function');
    await first.waitFor('Write a hello function', 10_000);
    first.write(KEYS.enter);
    await first.waitFor((s) => s.includes('to greet') && /\bidle\b/.test(s), 30_000);
    await first.settle(300, 5_000);
    first.write(KEYS.ctrlD);
    await first.waitExit(10_000);

    const dir = join(base, 'data', 'r1-tui', 'conversations');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const record = JSON.parse(readFileSync(join(dir, files[0]!), 'utf8').trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(record).toMatchObject({ user: 'Write a hello function', thinking: THINKING, status: 'done', model: 'deepseek-r1:32b' });
    expect(record.metrics).toBeDefined();

    const second = await app(['--host', f.url, '--resume'], env);
    await second.waitFor((s) => s.includes('Write a hello function') && s.includes('to greet'), 15_000);
    // The reasoning came back too (the reasoning pane shows the last turn's thinking, or its Thought line).
    await second.waitFor((s) => s.includes('tiny TypeScript example') || /Thought [\d.]+ s/.test(s), 10_000);
    // Ctrl+D right away: raw mode is on before Ink mounts, so the key is never eaten as end-of-file
    second.write(KEYS.ctrlD);
    await second.waitExit(10_000);

    const out = join(base, 'out.md');
    const exporter = await app(['--export', out], env);
    await exporter.waitExit(10_000);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('> Write a hello function');
    expect(md).toContain('<details>\n<summary>Thought');
    expect(md).toContain('```ts\nfunction hello(): string {');
  }, 90_000);

  it('a broken config is one line naming file, line and field, exit 2', async () => {
    const base = mkdtempSync(join(tmpdir(), 'r1-e2e-config-'));
    cleanups.push(() => rmSync(base, { recursive: true, force: true }));
    mkdirSync(join(base, 'r1-tui'));
    writeFileSync(join(base, 'r1-tui', 'config.json'), '{\n  "numCtx": "big"\n}\n');
    const a = await app(['--demo'], { XDG_CONFIG_HOME: base });
    const exit = await a.waitExit(10_000);
    expect(exit.exitCode).toBe(2);
    expect(a.raw()).toContain(`${join(base, 'r1-tui', 'config.json')}:2: field "numCtx": expected a whole number of tokens`);
  }, 30_000);
});
