/**
 * Conversations on disk: one JSONL file per conversation in the conversations directory (0700), files
 * 0600. Each turn is appended with ONE write call of one complete line, then fsync, so a kill at any
 * moment leaves whole lines plus at most one torn last line, which readers skip.
 */
import { closeSync, fstatSync, readSync, fsyncSync, readdirSync, statSync, writeSync, chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { recordLine, type TurnRecord } from './persistenceFormat.js';
import { TurnAssembler, type PartialRecord } from './persistencePartial.js';
import { ensurePrivateDir, FileRefusedError, MAX_CONVERSATION_BYTES, openPrivate, readRegularFile, writePrivateFile as writePrivate } from './safeFiles.js';

export { ensurePrivateDir };

export const CONVERSATION_EXT = '.jsonl';

/** File name for a conversation started at `at`: sortable by time, unique enough (random suffix). */
export function newConversationId(at: Date = new Date(), random: () => number = Math.random): string {
  const stamp = at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const suffix = Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0');
  return `${stamp}-${suffix}`;
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
  append(record: TurnRecord | PartialRecord, sync = true): void {
    const fd = openPrivate(this.path, 'a+');
    try {
      // A file cut off mid-line by an earlier crash: start on a fresh line so this record stays whole.
      const lead = this.tailChecked ? '' : endsMidLine(fd) ? '\n' : '';
      this.tailChecked = true;
      const bytes = Buffer.from(lead + recordLine(record), 'utf8');
      let written = writeSync(fd, bytes, 0, bytes.length);
      // A short write is rare on a regular file (disk full); finish the line so it is not torn.
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      if (sync) fsyncSync(fd);
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
  const turns = new TurnAssembler();
  const problems: string[] = [];
  let tornTail = false;
  const lines = text.split('\n');
  const complete = text.endsWith('\n');
  lines.forEach((line, i) => {
    const last = i === lines.length - 1;
    if (line.trim() === '') return;
    let problem: string | undefined;
    try {
      problem = turns.add(JSON.parse(line));
    } catch {
      problem = 'not valid JSON';
    }
    if (problem === undefined) return;
    if (last && !complete) tornTail = true;
    else problems.push(`line ${i + 1}: ${problem}`);
  });
  return { records: turns.records(), problems, tornTail };
}

export function loadConversation(dir: string, id: string): LoadedConversation {
  const path = join(dir, `${id}${CONVERSATION_EXT}`);
  const text = readRegularFile(path, MAX_CONVERSATION_BYTES);
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
        // an empty (e.g. truncated) file is listed as unreadable too, with why: it must not just vanish
        const why = loaded.problems[0] ?? (loaded.tornTail ? 'its only line is cut off' : 'the file is empty (0 turns)');
        skipped.push(`${name}: ${why}`);
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
      skipped.push(`${name}: ${err instanceof FileRefusedError ? err.why : ((err as NodeJS.ErrnoException).code ?? (err as Error).message)}`);
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
    writePrivate(path, text);
  } catch (err) {
    throw new Error(`could not write ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return path;
}
