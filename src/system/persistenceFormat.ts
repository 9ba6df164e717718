/**
 * The saved form of a turn: one JSON object per line (JSONL). Pure: no file system here.
 * Times inside a turn are saved as milliseconds from the turn's start (performance.now() values mean
 * nothing in another process); `savedAt` is wall-clock ISO time. The session's Turn becomes a record
 * and back in src/session/turnRecord.ts.
 *
 * Every string is sanitized when a record is written AND when it is read (core/sanitize.ts): files
 * written by older versions may hold raw escape sequences from a server, and --resume, F6 and --export
 * must not replay them.
 */
import { sanitizeDeep } from '../core/sanitize.js';
import type { FinalMetrics, ThinkValue } from '../core/chatTypes.js';

/** How a saved turn ended (a turn still streaming is saved as stopped). */
export type SavedTurnStatus = 'done' | 'stopped' | 'error';

export const RECORD_VERSION = 1;

export interface TurnRecord {
  v: number;
  kind: 'turn';
  savedAt: string;
  user: string;
  thinking: string;
  answer: string;
  model: string;
  /** The host that answered: its name and URL (never a key). */
  host?: { name: string; url: string };
  quantization?: string;
  think?: ThinkValue;
  /** The /api/chat options the request carried (e.g. num_ctx, and the conversation's temperature...). */
  options?: Record<string, unknown>;
  /** The conversation's system prompt when this turn was asked (Alt+S). */
  system?: string;
  metrics?: FinalMetrics;
  /** PROCESSOR label of the model at the end of the turn, as `ollama ps` prints it. */
  processor?: string;
  status: SavedTurnStatus;
  error?: string;
  doneReason?: string;
  thinkingTokens: number;
  answerTokens: number;
  /** ms from the turn's start. */
  timing: { firstChunk?: number; firstThinking?: number; lastThinking?: number; firstAnswer?: number; ended?: number };
  /** Ties this final record to the `partial` records written while it streamed (persistencePartial.ts). */
  key?: string;
  /** Rebuilt from partial records only: r1-tui ended (kill, crash, power cut) before the turn did. */
  interrupted?: boolean;
}

/** Record fields that hold several lines (everything else is one line). */
export const RECORD_TEXT_FIELDS: ReadonlySet<string> = new Set(['user', 'thinking', 'answer', 'system', 'error']);
/** One line to append, newline included. */
export function recordLine(record: object): string {
  return `${JSON.stringify(sanitizeDeep(record, RECORD_TEXT_FIELDS))}\n`;
}

const STATUSES = new Set(['done', 'stopped', 'error']);

/** Parse one saved line; a sentence saying what is wrong when it is not a turn record. */
export function parseRecordLine(line: string): { ok: true; record: TurnRecord } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not valid JSON' };
  }
  return parseRecordValue(value);
}

/** Check one parsed line as a turn record (sanitized on the way in). */
export function parseRecordValue(value: unknown): { ok: true; record: TurnRecord } | { ok: false; problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'not a JSON object' };
  const r = value as Record<string, unknown>;
  if (r.kind !== 'turn') return { ok: false, problem: 'not a turn record' };
  for (const field of ['user', 'thinking', 'answer', 'model', 'savedAt'] as const) {
    if (typeof r[field] !== 'string') return { ok: false, problem: `field "${field}" is not a string` };
  }
  if (typeof r.status !== 'string' || !STATUSES.has(r.status)) return { ok: false, problem: 'field "status" is not done, stopped or error' };
  const rec = sanitizeDeep(value, RECORD_TEXT_FIELDS) as TurnRecord;
  if (typeof rec.thinkingTokens !== 'number') rec.thinkingTokens = 0;
  if (typeof rec.answerTokens !== 'number') rec.answerTokens = 0;
  if (typeof rec.timing !== 'object' || rec.timing === null) rec.timing = {};
  return { ok: true, record: rec };
}
