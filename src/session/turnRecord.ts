/**
 * The session's Turn as the record saved to disk (src/system/persistenceFormat.ts) and back. Times
 * inside a turn become milliseconds from its start.
 */
import { RECORD_VERSION, type TurnRecord } from '../system/persistenceFormat.js';
import type { Turn } from './types.js';

function offset(at: number | undefined, start: number): number | undefined {
  return at === undefined ? undefined : Math.max(0, Math.round(at - start));
}

export interface RecordExtras {
  savedAt: Date;
  options?: Record<string, unknown>;
  system?: string;
  processor?: string;
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
  if (turn.host !== undefined) record.host = { name: turn.host.name, url: turn.host.url };
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

function isHost(v: unknown): v is { name: string; url: string } {
  return typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string' && typeof (v as { url?: unknown }).url === 'string';
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
  if (isHost(record.host)) turn.host = { name: record.host.name, url: record.host.url };
  set('quantization', record.quantization);
  set('think', record.think);
  set('metrics', record.metrics);
  set('error', record.error);
  set('doneReason', record.doneReason);
  return turn;
}
