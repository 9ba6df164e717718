import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { samplingOptions } from '../../src/core/chatSettings.js';
import { AppStore, initialState } from '../../src/session/store.js';
import type { Turn } from '../../src/session/types.js';
import {
  ConversationFile,
  listConversations,
  loadConversation,
  newConversationId,
  parseConversationText,
} from '../../src/system/persistence.js';
import { createConversationActions, exportConversation, resumeLatest } from '../../src/session/persistenceActions.js';
import { recordLine } from '../../src/system/persistenceFormat.js';
import { ConversationSaver, saveFailureReason } from '../../src/session/persistenceSaver.js';
import { conversationsDir, configPath, dataDir } from '../../src/system/paths.js';
import { recordToTurn, turnToRecord } from '../../src/session/turnRecord.js';

function turn(over: Partial<Turn> = {}): Turn {
  return {
    id: 1,
    user: 'What is distillation?',
    model: 'deepseek-r1:32b',
    quantization: 'Q4_K_M',
    thinking: 'Okay, the user asks…\n中文推理',
    answer: 'Distillation fine-tunes a **student**.\n\n```ts\nconst x = 1;\n```',
    status: 'done',
    startedAt: 1000,
    firstChunkAt: 3100,
    firstThinkingAt: 3100,
    lastThinkingAt: 44_100,
    firstAnswerAt: 44_200,
    endedAt: 60_000,
    thinkingTokens: 612,
    answerTokens: 80,
    metrics: { totalDuration: 59e9, loadDuration: 12.8e9, promptEvalCount: 20, promptEvalDuration: 1e9, evalCount: 692, evalDuration: 45e9 },
    doneReason: 'stop',
    think: true,
    rev: 42,
    ...over,
  };
}

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'r1-persist-')), 'conversations');
});

describe('paths', () => {
  it('follows XDG variables and falls back to HOME', () => {
    expect(dataDir({ XDG_DATA_HOME: '/x/data', HOME: '/h' })).toBe('/x/data/r1-tui');
    expect(dataDir({ HOME: '/h' })).toBe('/h/.local/share/r1-tui');
    expect(dataDir({ XDG_DATA_HOME: 'relative', HOME: '/h' })).toBe('/h/.local/share/r1-tui');
    expect(conversationsDir({ HOME: '/h' })).toBe('/h/.local/share/r1-tui/conversations');
    expect(configPath({ XDG_CONFIG_HOME: '/c', HOME: '/h' })).toBe('/c/r1-tui/config.json');
    expect(configPath({ HOME: '/h' })).toBe('/h/.config/r1-tui/config.json');
  });
});

describe('turn records', () => {
  it('round-trips a turn through a file with its reasoning, metrics and processor label', () => {
    const file = new ConversationFile(dir, 'c1');
    const rec = turnToRecord(turn(), { savedAt: new Date('2026-11-28T18:00:00Z'), processor: '78%/22% CPU/GPU', options: { num_ctx: 8192 } });
    file.append(rec);
    file.append(turnToRecord(turn({ id: 2, user: 'second', status: 'stopped', error: 'You stopped it.' }), { savedAt: new Date('2026-11-28T18:01:00Z') }));
    const loaded = loadConversation(dir, 'c1');
    expect(loaded.problems).toEqual([]);
    expect(loaded.records).toHaveLength(2);
    const back = recordToTurn(loaded.records[0]!, 7, 500);
    expect(back).toMatchObject({
      id: 7,
      user: 'What is distillation?',
      thinking: 'Okay, the user asks…\n中文推理',
      answer: turn().answer,
      model: 'deepseek-r1:32b',
      quantization: 'Q4_K_M',
      status: 'done',
      metrics: turn().metrics,
      think: true,
      startedAt: 500,
      firstThinkingAt: 2600,
      endedAt: 59_500,
      thinkingTokens: 612,
    });
    expect(loaded.records[0]!.processor).toBe('78%/22% CPU/GPU');
    expect(loaded.records[0]!.options).toEqual({ num_ctx: 8192 });
    expect(loaded.records[1]).toMatchObject({ status: 'stopped', error: 'You stopped it.', user: 'second' });
  });

  it('creates the directory 0700 and the file 0600', () => {
    const file = new ConversationFile(dir, 'perm');
    file.append(turnToRecord(turn(), { savedAt: new Date() }));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
  });

  it('skips a torn last line silently and reports corrupt middle lines', () => {
    const good = recordLine(turnToRecord(turn(), { savedAt: new Date() }));
    const parsed = parseConversationText(good + 'garbage\n' + good + good.slice(0, 30));
    expect(parsed.records).toHaveLength(2);
    expect(parsed.tornTail).toBe(true);
    expect(parsed.problems).toEqual(['line 2: not valid JSON']);
    expect(parseConversationText('{"kind":"turn","user":1}\n').problems[0]).toContain('"user" is not a string');
  });

  it('ids sort by time', () => {
    const a = newConversationId(new Date('2026-01-02T03:04:05.678Z'), () => 0.5);
    const b = newConversationId(new Date('2026-01-02T03:04:06Z'), () => 0.1);
    expect(a).toMatch(/^2026-01-02T03-04-05Z-[0-9a-z]{4}$/);
    expect(a < b).toBe(true);
  });
});

describe('kill -9 during writes', () => {
  let childDir: string;
  afterEach(() => undefined);

  it('leaves a file whose every complete line is a turn', async () => {
    // Transpile the writer so a plain node child can run it.
    childDir = mkdtempSync(join(tmpdir(), 'r1-child-'));
    for (const name of ['system/persistence', 'system/persistenceFormat', 'system/persistencePartial', 'system/safeFiles', 'core/sanitize']) {
      const src = readFileSync(new URL(`../../src/${name}.ts`, import.meta.url), 'utf8');
      const out = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      mkdirSync(join(childDir, name, '..'), { recursive: true });
      writeFileSync(join(childDir, `${name}.js`), out.outputText);
    }
    writeFileSync(join(childDir, 'package.json'), '{"type":"module"}');
    writeFileSync(
      join(childDir, 'writer.js'),
      `import { ConversationFile } from './system/persistence.js';
const file = new ConversationFile(process.argv[2], 'killed');
const big = 'x'.repeat(200000);
let n = 0;
for (;;) {
  file.append({ v: 1, kind: 'turn', savedAt: new Date().toISOString(), user: 'q' + n, thinking: big, answer: 'a'.repeat(n % 5000), model: 'm', status: 'done', thinkingTokens: 0, answerTokens: 0, timing: {} });
  n++;
  if (n === 3) process.stdout.write('started\\n');
}
`,
    );
    const child = spawn(process.execPath, [join(childDir, 'writer.js'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const loaded = loadConversation(dir, 'killed');
    expect(loaded.records.length).toBeGreaterThanOrEqual(3);
    expect(loaded.problems).toEqual([]);
    loaded.records.forEach((r, i) => expect(r.user).toBe(`q${i}`));
  }, 20_000);
});

function storeWith(turns: Turn[] = []): AppStore {
  const s = new AppStore(initialState('http://h', 'default', false), 0);
  s.update({ turns });
  return s;
}

describe('ConversationSaver', () => {
  it('appends a turn once it is finished, once, with the ps label of its model', async () => {
    const store = storeWith();
    store.update({ placement: { models: [{ name: 'deepseek-r1:32b', model: 'deepseek-r1:32b', size: 100, size_vram: 100, digest: '', details: {}, expires_at: '' }] } });
    const saver = new ConversationSaver({ store, dir, clock: () => new Date('2026-11-28T10:00:00Z'), options: () => ({ num_ctx: 4096 }) });
    saver.attach();
    const t = turn({ status: 'streaming' });
    store.update({ turns: [t] });
    store.flush();
    // the question is on disk the moment the turn starts (issue 17: kill -9 must not lose it)
    expect(loadConversation(dir, saver.id!).records).toMatchObject([{ user: t.user, status: 'stopped', interrupted: true }]);
    t.status = 'done';
    store.touchTurns();
    store.flush();
    store.flush();
    const loaded = loadConversation(dir, saver.id!);
    expect(loaded.records).toHaveLength(1);
    expect(loaded.records[0]).toMatchObject({ processor: '100% GPU', options: { num_ctx: 4096 } });
  });

  it('at exit saves a still-streaming turn as stopped', () => {
    const store = storeWith();
    const saver = new ConversationSaver({ store, dir });
    saver.attach();
    store.update({ turns: [turn({ id: 1 }), turn({ id: 2, status: 'streaming', answer: 'partial' })] });
    store.flush();
    expect(loadConversation(dir, saver.id!).records.map((r) => r.interrupted ?? false)).toEqual([false, true]);
    saver.finish();
    saver.finish();
    const records = loadConversation(dir, saver.id!).records;
    expect(records.map((r) => [r.status, r.answer.slice(0, 7)])).toEqual([
      ['done', 'Distill'],
      ['stopped', 'partial'],
    ]);
    expect(records[1]!.error).toContain('closed while');
  });

  it('shows one warning when the directory cannot be written, and the chat goes on', () => {
    // a regular file where the data directory should be: fails for root too (ENOTDIR)
    const parent = mkdtempSync(join(tmpdir(), 'r1-ro-'));
    writeFileSync(join(parent, 'data'), 'not a directory');
    const store = storeWith();
    const saver = new ConversationSaver({ store, dir: join(parent, 'data', 'conversations') });
    saver.attach();
    store.update({ turns: [turn({ id: 1 })] });
    store.flush();
    const first = store.getState().notice;
    expect(first?.level).toBe('warn');
    expect(first?.text).toContain('a file is in the way');
    expect(first?.text).toContain('Could not save this conversation');
    store.update({ notice: null, turns: [turn({ id: 1 }), turn({ id: 2 })] });
    store.flush();
    expect(store.getState().notice).toBeNull();
  });
});

describe('resume, list, open, new, export', () => {
  function seed(id: string, questions: string[], at: string): void {
    const f = new ConversationFile(dir, id);
    questions.forEach((q, i) => f.append(turnToRecord(turn({ user: q }), { savedAt: new Date(Date.parse(at) + i * 1000) })));
  }

  it('lists newest first, skips corrupt files and reports them', () => {
    seed('old', ['first old', 'b'], '2026-01-01T00:00:00Z');
    seed('new', ['first new'], '2026-02-01T00:00:00Z');
    writeFileSync(join(dir, 'broken.jsonl'), 'not json\n');
    const { conversations, skipped } = listConversations(dir);
    expect(conversations.map((c) => [c.id, c.firstQuestion, c.turnCount])).toEqual([
      ['new', 'first new', 1],
      ['old', 'first old', 2],
    ]);
    expect(skipped).toEqual(['broken.jsonl: line 1: not valid JSON']);
    expect(listConversations(join(dir, 'missing')).conversations).toEqual([]);
  });

  it('resumeLatest loads the most recent conversation and later turns append to its file', () => {
    seed('old', ['a'], '2026-01-01T00:00:00Z');
    seed('new', ['q1', 'q2'], '2026-02-01T00:00:00Z');
    appendFileSync(join(dir, 'new.jsonl'), '{"torn');
    const store = storeWith();
    const saver = new ConversationSaver({ store, dir });
    const result = resumeLatest(store, saver, dir);
    expect(result.text).toContain('2 turn(s)');
    expect(store.getState().turns.map((t) => [t.id, t.user, t.thinking])).toEqual([
      [1, 'q1', turn().thinking],
      [2, 'q2', turn().thinking],
    ]);
    saver.attach();
    store.update({ turns: [...store.getState().turns, turn({ id: 3, user: 'q3' })] });
    store.flush();
    expect(saver.id).toBe('new');
    // The torn line is closed off: the reader reports it as one bad line and keeps the new record whole.
    const loaded = loadConversation(dir, 'new');
    expect(loaded.records.map((r) => r.user)).toEqual(['q1', 'q2', 'q3']);
    expect(loaded.problems).toEqual(['line 3: not valid JSON']);
  });

  it('resumeLatest with nothing saved says so', () => {
    const store = storeWith();
    expect(resumeLatest(store, new ConversationSaver({ store, dir }), dir).text).toContain('No saved conversation');
  });

  it('open, startNew and export through the actions', () => {
    seed('one', ['hello'], '2026-01-01T00:00:00Z');
    const store = storeWith();
    const saver = new ConversationSaver({ store, dir });
    saver.attach();
    const out = join(dir, '..', 'x.md');
    const actions = createConversationActions({ store, saver, dir, busy: () => false, exportPath: () => out });
    expect(actions.list().items).toHaveLength(1);
    actions.open('one');
    expect(store.getState().turns.map((t) => t.user)).toEqual(['hello']);
    expect(actions.exportMarkdown!('one', false)).toContain('Exported 1 turn(s)');
    expect(readFileSync(out, 'utf8')).not.toContain('<details>');
    actions.startNew();
    expect(store.getState().turns).toEqual([]);
    store.update({ turns: [turn({ user: 'fresh' })] });
    store.flush();
    expect(saver.id).not.toBe('one');
    expect(listConversations(dir).conversations).toHaveLength(2);
  });

  it('refuses to switch while a reply streams', () => {
    seed('one', ['hello'], '2026-01-01T00:00:00Z');
    const store = storeWith([turn({ status: 'streaming', user: 'live' })]);
    const saver = new ConversationSaver({ store, dir });
    const actions = createConversationActions({ store, saver, dir, busy: () => true });
    actions.open('one');
    expect(store.getState().turns[0]!.user).toBe('live');
    expect(store.getState().notice?.text).toContain('still streaming');
  });

  it('exportConversation writes Markdown with reasoning in details blocks', () => {
    seed('one', ['hello <b>'], '2026-01-01T00:00:00Z');
    const out = join(dir, 'out.md');
    expect(exportConversation(dir, out, { reasoning: true })).toMatchObject({ turns: 1 });
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('> hello <b>');
    expect(md).toContain('<details>\n<summary>Thought 41 s · 612 tok</summary>');
    expect(md).toContain('中文推理');
    expect(md).toContain('```ts\nconst x = 1;\n```');
    expect(md).toContain('15.38 tok/s');
    expect(() => exportConversation(join(dir, 'none'), out, { reasoning: true })).toThrow(/no saved conversation/);
    mkdirSync(join(dir, 'adir.md'));
    expect(() => exportConversation(dir, join(dir, 'adir.md'), { reasoning: true })).toThrow(/could not write/);
  });
});

describe('saveFailureReason', () => {
  it('says in words why a write failed', () => {
    expect(saveFailureReason('ENOSPC')).toBe('the disk is full');
    expect(saveFailureReason('EDQUOT')).toBe('the disk is full');
    expect(saveFailureReason('EACCES')).toBe('no permission to write there');
    expect(saveFailureReason('EROFS')).toBe('the file system is read-only');
    expect(saveFailureReason('ENOTDIR')).toBe('a file is in the way of that folder');
    expect(saveFailureReason('EIO')).toBe('EIO');
  });
});

describe('conversation settings are saved with the conversation', () => {
  it('each turn records the system prompt and sampling options; --resume restores them; export shows them; new clears them', () => {
    const store = storeWith();
    store.update({ chatSettings: { system: 'You are terse.', options: { temperature: 0.6, seed: 7 } } });
    // the session composes the request options (its own num_ctx, the conversation's sampling); the saver keeps them
    const saver = new ConversationSaver({ store, dir, options: () => ({ num_ctx: 8192, ...samplingOptions(store.getState().chatSettings) }) });
    saver.attach();
    store.update({ turns: [turn({ id: 1, user: 'first question' })] });
    store.flush();
    saver.finish();
    const line = JSON.parse(readFileSync(join(dir, `${saver.id!}.jsonl`), 'utf8').trim()) as Record<string, unknown>;
    expect(line.system).toBe('You are terse.');
    expect(line.options).toEqual({ num_ctx: 8192, temperature: 0.6, seed: 7 });

    const second = storeWith();
    const resumed = resumeLatest(second, new ConversationSaver({ store: second, dir }), dir);
    expect(resumed.text).toMatch(/Opened a conversation of 1 turn/);
    expect(second.getState().chatSettings).toEqual({ system: 'You are terse.', options: { temperature: 0.6, seed: 7 } });

    const out = join(dir, 'out.md');
    exportConversation(dir, out, { reasoning: true });
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('Options: temperature 0.6 · seed 7');
    expect(md).toContain('System prompt:\n\n```text\nYou are terse.\n```');

    const actions = createConversationActions({ store: second, saver: new ConversationSaver({ store: second, dir }), dir, busy: () => false });
    actions.startNew();
    expect(second.getState().chatSettings).toEqual({});
  });
});
