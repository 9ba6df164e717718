/**
 * For consumers without a TurnMeter (bench, tests, doctor): turn `delta` events into separated reasoning
 * and answer text with core/thinkSplitter, the same rules the session applies.
 */
import { ThinkSplitter } from '../core/thinkSplitter.js';
import type { BackendEvent } from './backend.js';

export interface SplitReply {
  reasoning: string;
  answer: string;
  /** Number of delta events that carried text (≈ tokens). */
  deltas: number;
}

export class DeltaSplitter {
  private readonly splitter = new ThinkSplitter();
  deltas = 0;

  push(ev: BackendEvent): void {
    if (ev.type !== 'delta') return;
    if (ev.reasoning === '' && ev.content === '') return;
    this.deltas++;
    this.splitter.push(ev.reasoning, ev.content);
  }

  result(): SplitReply {
    this.splitter.end();
    return { reasoning: this.splitter.thinking, answer: this.splitter.answer, deltas: this.deltas };
  }
}
