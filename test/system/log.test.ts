import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeLog, configureLog, log, logFailure, logPath, redirectConsole, resolveLogPath } from '../../src/system/log.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-log-'));
});
afterEach(() => {
  closeLog();
  configureLog();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('resolveLogPath', () => {
  it('prefers R1_TUI_LOG, then XDG_STATE_HOME, then ~/.local/state', () => {
    expect(resolveLogPath({ R1_TUI_LOG: '/x/y.log', XDG_STATE_HOME: '/s', HOME: '/h' })).toBe('/x/y.log');
    expect(resolveLogPath({ XDG_STATE_HOME: '/s', HOME: '/h' })).toBe('/s/r1-tui/r1-tui.log');
    expect(resolveLogPath({ HOME: '/h' })).toBe('/h/.local/state/r1-tui/r1-tui.log');
    // a relative XDG_STATE_HOME is invalid per the spec and ignored
    expect(resolveLogPath({ XDG_STATE_HOME: 'rel', HOME: '/h' })).toBe('/h/.local/state/r1-tui/r1-tui.log');
  });
});

describe('log', () => {
  it('creates the file 0600 in a new directory and appends lines', () => {
    const file = path.join(dir, 'nested', 'a.log');
    configureLog({ file });
    expect(logPath()).toBe(file);
    log.info('hello', { n: 1 });
    log.warn('careful');
    log.error('boom', new Error('bad thing'));
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/INFO  hello \{"n":1\}/);
    expect(text).toMatch(/WARN  careful/);
    expect(text).toMatch(/ERROR boom .*bad thing/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    closeLog();
    log.info('again');
    expect(fs.readFileSync(file, 'utf8').match(/^\d{4}-\d\d-\d\dT/gm)).toHaveLength(4);
  });

  it('rotates to .1 when the size cap is passed', () => {
    const file = path.join(dir, 'r.log');
    configureLog({ file, maxBytes: 500 });
    for (let i = 0; i < 20; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    expect(fs.existsSync(`${file}.1`)).toBe(true);
    expect(fs.statSync(file).size).toBeLessThanOrEqual(500);
    const all = fs.readFileSync(`${file}.1`, 'utf8') + fs.readFileSync(file, 'utf8');
    expect(all).toContain('line 19');
  });

  it('never throws when the file cannot be written, and remembers the failure', () => {
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, '');
    configureLog({ file: path.join(blocker, 'sub', 'x.log') });
    expect(() => log.error('nope')).not.toThrow();
    expect(logFailure()).toBeTruthy();
    expect(() => log.info('still quiet')).not.toThrow();
  });

  it('redirectConsole sends console output to the log and can be undone', () => {
    const file = path.join(dir, 'c.log');
    configureLog({ file });
    const fake = { log() {}, info() {}, warn() {}, error() {}, debug() {} } as unknown as Console;
    const original = fake.warn;
    const undo = redirectConsole(fake);
    fake.warn('from %s', 'ollama-js');
    fake.log('plain', 42);
    undo();
    expect(fake.warn).toBe(original);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('WARN  console.warn: from ollama-js');
    expect(text).toContain('INFO  console.log: plain 42');
  });
});
