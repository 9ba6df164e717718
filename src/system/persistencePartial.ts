/**
 * Crash-safe turns: while a reply streams, the saver appends `partial` records (the question the moment
 * it is sent, then what was added to the reasoning and the answer, at most about once a second), and the
 * final `turn` record with the same `key` when the turn ends. A kill -9, an OOM kill or a power cut
 * therefore keeps the question and the reply up to the last flush: readers rebuild a turn from partials
 * that have no final record and mark it `interrupted`. Pure: no file system here.
 *
 * A partial carries only the text added since the previous one (`thinking`/`answer` deltas), so a long
 * answer costs its own size once, not once per flush. `reset: true` (the streamed text was rewritten, not
 * just extended) carries the whole text instead.
 */
import { RECORD_VERSION, parseRecordValue, type TurnRecord } from './persistenceFormat.js';
import { sanitize, sanitizeDeep, sanitizeLine } from '../core/sanitize.js';
import type { ThinkValue } from '../core/chatTypes.js';

export interface PartialRecord {
  v: number;
  kind: 'partial';
  key: string;
  savedAt: string;
  /** 0 for the first partial of a turn (it carries the question and the request's settings). */
  seq: number;
  user?: string;
  model?: string;
  /** The host asked (name and URL, never a key). */
  host?: { name: string; url: string };
  quantization?: string;
  think?: ThinkValue;
  options?: Record<string, unknown>;
  system?: string;
  thinking: string;
  answer: string;
  reset?: boolean;
}

export const INTERRUPTED_SENTENCE = 'interrupted: r1-tui ended before this reply did; kept up to the last save';

interface Open {
  /** Index in the output list this turn holds. */
  index: number;
  record: TurnRecord;
}

/** Rebuilds turn records, in file order, from final and partial records. */
export class TurnAssembler {
  private readonly out: TurnRecord[] = [];
  private readonly open = new Map<string, Open>();

  /** One parsed JSON line; returns a problem sentence when it is neither a turn nor a partial. */
  add(value: unknown): string | undefined {
    const r = value as Record<string, unknown> | null;
    if (r && typeof r === 'object' && r.kind === 'partial') return this.addPartial(r);
    const parsed = parseRecordValue(value);
    if (!parsed.ok) return parsed.problem;
    const key = parsed.record.key;
    const pending = key !== undefined ? this.open.get(key) : undefined;
    if (pending && key !== undefined) {
      this.out[pending.index] = parsed.record; // the final record replaces what the partials built
      this.open.delete(key);
    } else this.out.push(parsed.record);
    return undefined;
  }

  private addPartial(r: Record<string, unknown>): string | undefined {
    if (typeof r.key !== 'string' || typeof r.thinking !== 'string' || typeof r.answer !== 'string') return 'a partial record without key, thinking or answer';
    const thinking = sanitize(r.thinking);
    const answer = sanitize(r.answer);
    const savedAt = typeof r.savedAt === 'string' ? sanitizeLine(r.savedAt) : new Date(0).toISOString();
    const existing = this.open.get(r.key);
    if (!existing) {
      if (typeof r.user !== 'string') return 'a partial record without its question';
      const record: TurnRecord = {
        v: RECORD_VERSION,
        kind: 'turn',
        savedAt,
        user: sanitize(r.user),
        thinking,
        answer,
        model: typeof r.model === 'string' ? sanitizeLine(r.model) : '',
        status: 'stopped',
        error: INTERRUPTED_SENTENCE,
        interrupted: true,
        thinkingTokens: 0,
        answerTokens: 0,
        timing: {},
        key: r.key,
      };
      const host = r.host as { name?: unknown; url?: unknown } | undefined;
      if (host && typeof host === 'object' && typeof host.name === 'string' && typeof host.url === 'string') {
        record.host = { name: sanitizeLine(host.name), url: sanitizeLine(host.url) };
      }
      if (typeof r.quantization === 'string') record.quantization = sanitizeLine(r.quantization);
      if (r.think === true || r.think === false || r.think === 'low' || r.think === 'medium' || r.think === 'high') record.think = r.think;
      if (r.options && typeof r.options === 'object' && !Array.isArray(r.options)) record.options = sanitizeDeep(r.options as Record<string, unknown>);
      if (typeof r.system === 'string') record.system = sanitize(r.system);
      this.open.set(r.key, { index: this.out.length, record });
      this.out.push(record);
      return undefined;
    }
    const rec = existing.record;
    rec.thinking = r.reset === true ? thinking : rec.thinking + thinking;
    rec.answer = r.reset === true ? answer : rec.answer + answer;
    rec.savedAt = savedAt;
    return undefined;
  }

  /** The turns: finished ones as saved, unfinished ones rebuilt and marked interrupted. */
  records(): TurnRecord[] {
    return this.out;
  }
}

/** What the saver remembers of a streaming turn between flushes. */
export interface PartialProgress {
  key: string;
  seq: number;
  thinking: string;
  answer: string;
}

/** The next partial record for a turn whose text is now (thinking, answer); undefined when nothing changed. */
export function nextPartial(
  progress: PartialProgress,
  now: { thinking: string; answer: string; savedAt: Date },
): PartialRecord | undefined {
  if (progress.seq > 0 && now.thinking === progress.thinking && now.answer === progress.answer) return undefined;
  const extends_ = now.thinking.startsWith(progress.thinking) && now.answer.startsWith(progress.answer);
  const record: PartialRecord = {
    v: RECORD_VERSION,
    kind: 'partial',
    key: progress.key,
    savedAt: now.savedAt.toISOString(),
    seq: progress.seq,
    thinking: extends_ ? now.thinking.slice(progress.thinking.length) : now.thinking,
    answer: extends_ ? now.answer.slice(progress.answer.length) : now.answer,
  };
  if (!extends_) record.reset = true;
  progress.seq++;
  progress.thinking = now.thinking;
  progress.answer = now.answer;
  return record;
}
