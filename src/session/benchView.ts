/** What the TUI's compare overlay shows while a bench runs and after it (BenchController's state). */
import type { BenchModelResult, BenchReport } from '../core/benchTypes.js';

/** 'cancelled': the model being measured when Esc cancelled the bench. */
export type BenchModelStatus = 'waiting' | 'loading' | 'prompt' | 'thinking' | 'answering' | 'done' | 'failed' | 'cancelled';

export interface BenchModelProgress {
  model: string;
  status: BenchModelStatus;
  /** performance.now() ms when the current status began (loading N s). */
  since: number;
  /** 1-based run in progress (0 before the first run). */
  run: number;
  /** Streamed chunks of the run in progress (or of the last run). */
  tokens: number;
  /** Live tok/s of the run in progress; the final eval rate once done. */
  rate?: number;
  /** Cold load time once known, ms. */
  loadMs?: number;
  error?: string;
  result?: BenchModelResult;
}

export type BenchRunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface BenchViewState {
  status: BenchRunStatus;
  prompt: string;
  runs: number;
  models: BenchModelProgress[];
  stepsDone: number;
  stepsTotal: number;
  /** Estimated ms left (undefined before the first step finished). */
  etaMs?: number;
  /** performance.now() ms when etaMs was estimated (the overlay counts it down). */
  etaAt?: number;
  startedAt: number;
  /** The finished bench (status 'done'). */
  report?: BenchReport;
  /** Why the whole bench failed (status 'failed'), a human sentence. */
  error?: string;
  /** Where the report was appended, or why it could not be. */
  historyNote?: string;
}

export const IDLE_BENCH: BenchViewState = { status: 'idle', prompt: '', runs: 1, models: [], stepsDone: 0, stepsTotal: 0, startedAt: 0 };

/** What the TUI may ask of the bench (AppActions.bench). */
export interface BenchActions {
  /** Start a bench; returns a sentence saying why it did not start, or undefined when it started. */
  start(request: { models: string[]; runs: number; prompt: string }): string | undefined;
  /** Abort the bench in flight (the request in flight is aborted; nothing is unloaded). */
  cancel(): void;
  /** Forget a finished bench (the overlay closed). Ignored while running. */
  reset(): void;
  getState(): BenchViewState;
  subscribe(listener: () => void): () => void;
}
