/**
 * Writing one field of config.json (the theme picker saves "theme"): every other field and, when the
 * field is already there as a string, the file's own layout are kept. Atomic: a temp file next to the
 * real file (through a symlink), fsync, rename. A missing file or directory is created (0600).
 */
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export type ConfigWriteResult = { ok: true; path: string; created: boolean } | { ok: false; path: string; reason: string };

const errCode = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** "The same text with only the string value of `field` changed", when the file has it once at top level. */
function replaceStringValue(text: string, field: string, value: string, expected: Record<string, unknown>): string | undefined {
  const re = new RegExp(`("${field}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'g');
  const matches = [...text.matchAll(re)];
  if (matches.length !== 1) return undefined;
  const next = text.replace(re, (_all, head: string) => `${head}${JSON.stringify(value)}`);
  try {
    return JSON.stringify(JSON.parse(next)) === JSON.stringify(expected) ? next : undefined;
  } catch {
    return undefined;
  }
}

function writeAtomically(target: string, text: string, mode: number): void {
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // the temp file was never made
    }
    throw err;
  }
}

/** Set `field` to a string value in the config file at `path`, keeping everything else. */
export function saveConfigString(path: string, field: string, value: string): ConfigWriteResult {
  let target = path;
  let text: string | undefined;
  let mode = 0o600;
  try {
    if (lstatSync(path).isSymbolicLink()) target = realpathSync(path);
    text = readFileSync(target, 'utf8');
    mode = statSync(target).mode & 0o777;
  } catch (err) {
    const code = errCode(err);
    if (code !== 'ENOENT') return { ok: false, path, reason: `cannot be read (${code})` };
  }
  let data: Record<string, unknown> = {};
  if (text !== undefined && text.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, path, reason: 'is not valid JSON (fix it, then pick again)' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { ok: false, path, reason: 'does not hold a JSON object (fix it, then pick again)' };
    }
    data = parsed as Record<string, unknown>;
  }
  const next = { ...data, [field]: value };
  const kept = text !== undefined && field in data ? replaceStringValue(text, field, value, next) : undefined;
  const out = kept ?? `${JSON.stringify(next, null, 2)}\n`;
  try {
    writeAtomically(target, out, mode);
  } catch (err) {
    return { ok: false, path, reason: `cannot be written (${errCode(err)})` };
  }
  return { ok: true, path, created: text === undefined };
}
