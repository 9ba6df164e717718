import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLog } from '../../src/system/log.js';
import { ENTER_FULLSCREEN, enterFullscreen, installExitHandlers, signalExitCode } from '../../src/terminal/terminal.js';

function tempFd(): { fd: number; read: () => string; file: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'r1-term-')), 'out');
  const fd = fs.openSync(file, 'w+');
  return { fd, file, read: () => fs.readFileSync(file, 'utf8') };
}

afterEach(() => configureLog());

describe('enterFullscreen', () => {
  it('writes alt screen + no-wrap + home and enters raw mode at once; restore() undoes it once and leaves raw mode', () => {
    const out = tempFd();
    const rawCalls: boolean[] = [];
    const stdin = { isTTY: true, isRaw: true, setRawMode: (m: boolean) => rawCalls.push(m) };
    const handle = enterFullscreen({ isTTY: true, fd: out.fd }, stdin);
    expect(handle.active).toBe(true);
    expect(out.read()).toBe(ENTER_FULLSCREEN);
    expect(rawCalls).toEqual([true]); // before Ink mounts: no echo, Ctrl+D is a key, not end-of-file
    expect(out.read()).toContain('\x1b[?1049h');
    expect(out.read()).toContain('\x1b[?7l');
    handle.restore();
    handle.restore();
    const text = out.read();
    expect(text.match(/\x1b\[\?1049l/g)).toHaveLength(1);
    expect(text).toContain('\x1b[?25h');
    expect(text).toContain('\x1b[?7h');
    expect(text.indexOf('\x1b[?7h')).toBeGreaterThan(text.indexOf('\x1b[?7l'));
    expect(rawCalls).toEqual([true, false]);
  });

  it('does nothing when stdout is not a TTY', () => {
    const out = tempFd();
    const handle = enterFullscreen({ isTTY: false, fd: out.fd }, {});
    handle.restore();
    expect(handle.active).toBe(false);
    expect(out.read()).toBe('');
  });
});

function fakeProcess() {
  const proc = new EventEmitter() as EventEmitter & { exit: (code?: number) => never; codes: number[] };
  proc.codes = [];
  proc.exit = ((code?: number) => {
    proc.codes.push(code ?? 0);
  }) as (code?: number) => never;
  return proc;
}

describe('installExitHandlers', () => {
  it('restores on exit, and on a signal exits 128+n when there is no onSignal', () => {
    const proc = fakeProcess();
    let restores = 0;
    const remove = installExitHandlers(() => restores++, undefined, { proc });
    proc.emit('exit', 0);
    expect(restores).toBe(1);
    proc.emit('SIGTERM');
    expect(restores).toBe(2);
    expect(proc.codes).toEqual([signalExitCode('SIGTERM')]);
    expect(signalExitCode('SIGHUP')).toBe(129);
    remove();
    expect(proc.listenerCount('SIGHUP')).toBe(0);
    expect(proc.listenerCount('exit')).toBe(0);
  });

  it('calls onSignal after restoring for SIGHUP and SIGINT', () => {
    const proc = fakeProcess();
    const order: string[] = [];
    installExitHandlers(() => order.push('restore'), (s) => order.push(s), { proc });
    proc.emit('SIGHUP');
    proc.emit('SIGINT');
    expect(order).toEqual(['restore', 'SIGHUP', 'restore', 'SIGINT']);
    expect(proc.codes).toEqual([]);
  });

  it('on a crash: restores, prints one human line with the log path, exits 1', () => {
    const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'r1-crash-')), 'x.log');
    configureLog({ file: logFile });
    const proc = fakeProcess();
    const err = tempFd();
    let restored = false;
    installExitHandlers(() => (restored = true), undefined, { proc, stderr: { fd: err.fd } });
    proc.emit('uncaughtException', new Error('kaboom\nsecond line'));
    expect(restored).toBe(true);
    expect(proc.codes).toEqual([1]);
    const text = err.read();
    expect(text).toContain('kaboom');
    expect(text).not.toContain('second line');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(text).toContain(logFile);
    expect(fs.readFileSync(logFile, 'utf8')).toContain('kaboom');
  });

  it('on a crash: runs onCrash after restoring and before exit; a throwing onCrash still exits 1', () => {
    configureLog({ file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'r1-crash-')), 'x.log') });
    const order: string[] = [];
    const proc = fakeProcess();
    const origExit = proc.exit;
    proc.exit = ((code?: number) => {
      order.push(`exit ${code}`);
      return origExit(code);
    }) as typeof proc.exit;
    installExitHandlers(() => order.push('restore'), undefined, { proc, stderr: { fd: tempFd().fd }, onCrash: () => order.push('save') });
    proc.emit('unhandledRejection', new Error('rejected'));
    expect(order).toEqual(['restore', 'save', 'exit 1']);

    const proc2 = fakeProcess();
    installExitHandlers(() => undefined, undefined, { proc: proc2, stderr: { fd: tempFd().fd }, onCrash: () => { throw new Error('disk gone'); } });
    proc2.emit('uncaughtException', new Error('kaboom'));
    expect(proc2.codes).toEqual([1]);
  });
});
