/**
 * Conversations on disk: one JSONL file per conversation in the conversations directory (0700), files
 * 0600. Each turn is appended with ONE write call of one complete line, then fsync, so a kill at any
 * moment leaves whole lines plus at most one torn last line, which readers skip.
 */
import { closeSync, fstatSync, readSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeSync, chmodSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseRecordLine, recordLine, type TurnRecord } from './persistenceFormat.js';

export const CONVERSATION_EXT = '.jsonl';

/** File name for a conversation started at `at`: sortable by time, unique enough (random suffix). */
export function newConversationId(at: Date = new Date(), random: () => number = Math.random): string {
  const stamp = at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const suffix = Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0');
  return `${stamp}-${suffix}`;
}

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Appends turn records to one conversation file. Creates the file (0600) on the first append. */
export class ConversationFile {
  constructor(
    readonly dir: string,
    readonly id: string,
  ) {}

  get path(): string {
    return join(this.dir, `${this.id}${CONVERSATION_EXT}`);
  }

  private tailChecked = false;

  /** Throws the file system error (ENOSPC, EACCES, …); the caller turns it into a notice. */
  append(record: TurnRecord): void {
    ensurePrivateDir(this.dir);
    const fd = openSync(this.path, 'a+', 0o600);
    try {
      // A file cut off mid-line by an earlier crash: start on a fresh line so this record stays whole.
      const lead = this.tailChecked ? '' : endsMidLine(fd) ? '\n' : '';
      this.tailChecked = true;
      const bytes = Buffer.from(lead + recordLine(record), 'utf8');
      let written = writeSync(fd, bytes, 0, bytes.length);
      // A short write is rare on a regular file (disk full); finish the line so it is not torn.
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

function endsMidLine(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

export interface LoadedConversation {
  id: string;
  path: string;
  records: TurnRecord[];
  /** Lines that were skipped, with why ("line 3: not valid JSON"). A torn last line is not listed. */
  problems: string[];
  /** The last line was incomplete (a write was cut off) and was skipped. */
  tornTail: boolean;
}

export function parseConversationText(text: string): Pick<LoadedConversation, 'records' | 'problems' | 'tornTail'> {
  const records: TurnRecord[] = [];
  const problems: string[] = [];
  let tornTail = false;
  const lines = text.split('\n');
  const complete = text.endsWith('\n');
  lines.forEach((line, i) => {
    const last = i === lines.length - 1;
    if (line.trim() === '') return;
    const parsed = parseRecordLine(line);
    if (parsed.ok) records.push(parsed.record);
    else if (last && !complete) tornTail = true;
    else problems.push(`line ${i + 1}: ${parsed.problem}`);
  });
  return { records, problems, tornTail };
}

export function loadConversation(dir: string, id: string): LoadedConversation {
  const path = join(dir, `${id}${CONVERSATION_EXT}`);
  const text = readFileSync(path, 'utf8');
  return { id, path, ...parseConversationText(text) };
}

export interface ConversationSummary {
  id: string;
  path: string;
  /** When the last turn was saved (file mtime when there is none). */
  updatedAt: Date;
  firstQuestion: string;
  turnCount: number;
  /** Set when the file could not be read or has bad lines; the conversation is still listed when usable. */
  problem?: string;
}

/**
 * Every conversation in `dir`, newest first. Unreadable or wholly corrupt files are reported in
 * `skipped` and left out; they never throw.
 */
export function listConversations(dir: string): { conversations: ConversationSummary[]; skipped: string[] } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(CONVERSATION_EXT));
  } catch {
    return { conversations: [], skipped: [] };
  }
  const conversations: ConversationSummary[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    const id = name.slice(0, -CONVERSATION_EXT.length);
    try {
      const loaded = loadConversation(dir, id);
      if (loaded.records.length === 0) {
        if (loaded.problems.length > 0) skipped.push(`${name}: ${loaded.problems[0]}`);
        continue;
      }
      const last = loaded.records.at(-1)!;
      const updated = new Date(last.savedAt);
      conversations.push({
        id,
        path: loaded.path,
        updatedAt: Number.isNaN(updated.getTime()) ? statSync(loaded.path).mtime : updated,
        firstQuestion: loaded.records[0]!.user,
        turnCount: loaded.records.length,
        ...(loaded.problems.length > 0 ? { problem: `${loaded.problems.length} unreadable line(s) skipped` } : {}),
      });
    } catch (err) {
      skipped.push(`${name}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  conversations.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : -1));
  return { conversations, skipped };
}

/** Make an existing file private (older files or a umask that ignored the mode). Best effort. */
export function makePrivate(path: string): void {
  try {
    chmodSync(path, 0o600);
  } catch {
    /* best effort */
  }
}

/** Write `text` to `file` (0600) and return its absolute path. Throws an Error with a human sentence. */
export function writePrivateFile(file: string, text: string): string {
  const path = resolve(file);
  try {
    writeFileSync(path, text, { mode: 0o600 });
  } catch (err) {
    throw new Error(`could not write ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return path;
}
