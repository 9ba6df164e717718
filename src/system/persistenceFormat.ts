/**
 * The saved form of a turn: one JSON object per line (JSONL). Pure: no file system here.
 * Times inside a turn are saved as milliseconds from the turn's start (performance.now() values mean
 * nothing in another process); `savedAt` is wall-clock ISO time.
 */
import type { FinalMetrics, ThinkValue } from '../backends/ollama/types.js';
import type { Turn, TurnStatus } from '../session/types.js';

export const RECORD_VERSION = 1;

export interface TurnRecord {
  v: number;
  kind: 'turn';
  savedAt: string;
  user: string;
  thinking: string;
  answer: string;
  model: string;
  quantization?: string;
  think?: ThinkValue;
  /** The /api/chat options the request carried (e.g. num_ctx, and the conversation's temperature...). */
  options?: Record<string, unknown>;
  /** The conversation's system prompt when this turn was asked (Alt+S). */
  system?: string;
  metrics?: FinalMetrics;
  /** PROCESSOR label of the model at the end of the turn, as `ollama ps` prints it. */
  processor?: string;
  status: Exclude<TurnStatus, 'streaming'>;
  error?: string;
  doneReason?: string;
  thinkingTokens: number;
  answerTokens: number;
  /** ms from the turn's start. */
  timing: { firstChunk?: number; firstThinking?: number; lastThinking?: number; firstAnswer?: number; ended?: number };
}

export interface RecordExtras {
  savedAt: Date;
  options?: Record<string, unknown>;
  system?: string;
  processor?: string;
}

function offset(at: number | undefined, start: number): number | undefined {
  return at === undefined ? undefined : Math.max(0, Math.round(at - start));
}

export function turnToRecord(turn: Turn, extras: RecordExtras): TurnRecord {
  const status = turn.status === 'streaming' ? 'stopped' : turn.status;
  const s = turn.startedAt;
  const record: TurnRecord = {
    v: RECORD_VERSION,
    kind: 'turn',
    savedAt: extras.savedAt.toISOString(),
    user: turn.user,
    thinking: turn.thinking,
    answer: turn.answer,
    model: turn.model,
    status,
    thinkingTokens: turn.thinkingTokens,
    answerTokens: turn.answerTokens,
    timing: {
      firstChunk: offset(turn.firstChunkAt, s),
      firstThinking: offset(turn.firstThinkingAt, s),
      lastThinking: offset(turn.lastThinkingAt, s),
      firstAnswer: offset(turn.firstAnswerAt, s),
      ended: offset(turn.endedAt, s),
    },
  };
  if (turn.quantization !== undefined) record.quantization = turn.quantization;
  if (turn.think !== undefined) record.think = turn.think;
  if (extras.options && Object.keys(extras.options).length > 0) record.options = extras.options;
  if (extras.system) record.system = extras.system;
  if (turn.metrics) record.metrics = turn.metrics;
  if (extras.processor) record.processor = extras.processor;
  if (turn.error !== undefined) record.error = turn.error;
  if (turn.doneReason !== undefined) record.doneReason = turn.doneReason;
  return record;
}

/** One line to append, newline included. */
export function recordLine(record: TurnRecord): string {
  return `${JSON.stringify(record)}\n`;
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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'not a JSON object' };
  const r = value as Record<string, unknown>;
  if (r.kind !== 'turn') return { ok: false, problem: 'not a turn record' };
  for (const field of ['user', 'thinking', 'answer', 'model', 'savedAt'] as const) {
    if (typeof r[field] !== 'string') return { ok: false, problem: `field "${field}" is not a string` };
  }
  if (typeof r.status !== 'string' || !STATUSES.has(r.status)) return { ok: false, problem: 'field "status" is not done, stopped or error' };
  const rec = value as TurnRecord;
  if (typeof rec.thinkingTokens !== 'number') rec.thinkingTokens = 0;
  if (typeof rec.answerTokens !== 'number') rec.answerTokens = 0;
  if (typeof rec.timing !== 'object' || rec.timing === null) rec.timing = {};
  return { ok: true, record: rec };
}

function at(start: number, ms: number | undefined): number | undefined {
  return typeof ms === 'number' ? start + ms : undefined;
}

/** A saved record as a finished Turn. `startedAt` is a performance.now() base chosen by the caller. */
export function recordToTurn(record: TurnRecord, id: number, startedAt: number): Turn {
  const t = record.timing;
  const turn: Turn = {
    id,
    user: record.user,
    model: record.model,
    thinking: record.thinking,
    answer: record.answer,
    status: record.status,
    startedAt,
    thinkingTokens: record.thinkingTokens,
    answerTokens: record.answerTokens,
    rev: 1,
  };
  const set = <K extends keyof Turn>(key: K, value: Turn[K] | undefined) => {
    if (value !== undefined) turn[key] = value;
  };
  set('firstChunkAt', at(startedAt, t.firstChunk));
  set('firstThinkingAt', at(startedAt, t.firstThinking));
  set('lastThinkingAt', at(startedAt, t.lastThinking));
  set('firstAnswerAt', at(startedAt, t.firstAnswer));
  set('endedAt', at(startedAt, t.ended));
  set('quantization', record.quantization);
  set('think', record.think);
  set('metrics', record.metrics);
  set('error', record.error);
  set('doneReason', record.doneReason);
  return turn;
}
