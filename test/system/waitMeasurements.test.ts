import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileWaitStore, readWaitFile } from '../../src/system/waitMeasurements.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('wait measurements file', () => {
  it('keeps measurements per host and model, file 0600 in a 0700 folder, across instances', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-wait-'));
    const file = path.join(dir, 'data', 'r1-tui', 'wait-measurements.json');
    const a = fileWaitStore(file, () => new Date('2026-12-07T04:00:00Z'));
    a.record('http://127.0.0.1:11434', 'deepseek-r1:32b', { promptRate: 54.3 });
    a.record('http://127.0.0.1:11434', 'deepseek-r1:32b', { loadMs: 41_000 });
    a.record('http://box:11434', 'deepseek-r1:32b', { promptRate: 900 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const b = fileWaitStore(file);
    expect(b.get('http://127.0.0.1:11434', 'deepseek-r1:32b')).toEqual({ promptRate: 54.3, loadMs: 41_000 });
    expect(b.get('http://box:11434', 'deepseek-r1:32b')).toEqual({ promptRate: 900 });
    expect(b.get('http://box:11434', 'deepseek-r1:8b')).toBeUndefined();
  });

  it('a damaged file or a bad entry counts as no measurement', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-wait-'));
    const file = path.join(dir, 'w.json');
    fs.writeFileSync(file, '{"entries": [');
    expect(readWaitFile(file)).toEqual([]);
    fs.writeFileSync(file, JSON.stringify({ entries: [{ host: 'h', model: 'm', at: 'x', promptRate: -1 }, { host: 'h', model: 'n', at: 'x', loadMs: 5 }] }));
    expect(readWaitFile(file).map((e) => e.model)).toEqual(['n']);
  });
});
