/**
 * This host's measured model load times and prompt-eval rates, per Ollama host and model, in one
 * JSON file beside the bench history ($XDG_DATA_HOME/r1-tui/wait-measurements.json; file 0600,
 * folder 0700). Written whole through a temporary file and a rename, so a crash never leaves half a
 * file; a file that cannot be read counts as empty (the estimates then start over).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WaitMeasure } from '../core/waitEstimate.js';

export interface WaitFileEntry extends WaitMeasure {
  host: string;
  model: string;
  /** ISO time of the last update. */
  at: string;
}

/** At most this many host/model entries are kept (the most recently updated). */
const MAX_ENTRIES = 200;

function valid(e: unknown): e is WaitFileEntry {
  const x = e as Partial<WaitFileEntry> | null;
  const num = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v > 0);
  return !!x && typeof x.host === 'string' && typeof x.model === 'string' && typeof x.at === 'string' && num(x.promptRate) && num(x.loadMs);
}

export function readWaitFile(file: string): WaitFileEntry[] {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries?: unknown };
    return Array.isArray(data.entries) ? data.entries.filter(valid) : [];
  } catch {
    return [];
  }
}

export function writeWaitFile(file: string, entries: readonly WaitFileEntry[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ version: 1, entries }, null, 1)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o600);
}

/** A store over the file: read once, written on every record; write errors go to `onError` once. */
export function fileWaitStore(file: string, now: () => Date = () => new Date(), onError?: (err: unknown) => void) {
  let entries = readWaitFile(file);
  let failed = false;
  return {
    get(host: string, model: string): WaitMeasure | undefined {
      const e = entries.find((x) => x.host === host && x.model === model);
      if (!e) return undefined;
      const out: WaitMeasure = {};
      if (e.promptRate !== undefined) out.promptRate = e.promptRate;
      if (e.loadMs !== undefined) out.loadMs = e.loadMs;
      return out;
    },
    record(host: string, model: string, measure: WaitMeasure): void {
      const old = entries.find((x) => x.host === host && x.model === model);
      const next: WaitFileEntry = { ...old, ...measure, host, model, at: now().toISOString() };
      entries = [next, ...entries.filter((x) => x !== old)].slice(0, MAX_ENTRIES);
      try {
        writeWaitFile(file, entries);
      } catch (err) {
        if (!failed) onError?.(err);
        failed = true;
      }
    },
  };
}
