/**
 * Results of a bench (`r1-tui bench` and the TUI's Alt+R compare overlay): also the shape of --json
 * output and of each history line.
 */
import { THINK_LEVELS, type ThinkLevel } from './chatTypes.js';

/** The bench's `think` setting as typed on the command line: on/off, or a level (thinkValue() maps it to a ThinkValue). */
export type BenchThink = 'on' | 'off' | ThinkLevel;

export const BENCH_THINK_VALUES: readonly BenchThink[] = ['on', 'off', ...THINK_LEVELS];

export interface BenchRun {
  /** Server figures of the final chunk (nanoseconds, tokens). */
  evalCount: number | null;
  evalDurationNs: number | null;
  promptEvalCount: number | null;
  promptEvalDurationNs: number | null;
  /** eval_count / eval_duration, 2 decimals. */
  evalRate: number | null;
  promptEvalRate: number | null;
  /** Streamed chunks counted as tokens, split by the app's think splitter. */
  thinkingTokens: number;
  answerTokens: number;
  /** From sending the request to the first answer (not reasoning) token, ms. */
  firstAnswerMs: number | null;
  wallMs: number;
  doneReason: string | null;
  /** Set when this run failed (server sentence). */
  error?: string;
}

export interface Spread {
  mean: number;
  min: number;
  max: number;
  stdev: number;
}

export interface BenchModelResult {
  model: string;
  status: 'ok' | 'failed';
  /** The server's sentence when the model failed to load (or every run failed). */
  error?: string;
  /** Wall time of the cold load (an empty /api/chat after unloading the model), ms. */
  loadMs: number | null;
  runs: BenchRun[];
  evalRate: Spread | null;
  promptEvalRate: number | null;
  thinkingTokens: number | null;
  answerTokens: number | null;
  firstAnswerMs: number | null;
  /** `ollama ps` PROCESSOR label, size and context while loaded. */
  processor: string | null;
  sizeBytes: number | null;
  sizeVramBytes: number | null;
  contextLength: number | null;
  /** Highest RAM / VRAM use seen while it loaded and ran; null when Ollama is remote (or no GPU). */
  peakRamBytes: number | null;
  peakVramBytes: number | null;
  /** r1-tui's memory-fit estimate made before loading; null when it could not be made (remote host). */
  fit: { verdict: string; label: string; needBytes: number } | null;
  /**
   * Where the rates and token counts come from (OpenAI-compatible servers; absent for Ollama, whose
   * figures are always the server's eval_count / eval_duration): `server-exact` (llama.cpp timings,
   * vLLM/SGLang usage counts) or `client-measured` (r1-tui, from chunk arrival times / counted chunks).
   */
  figures?: { rates: BenchFigureSource; tokens: BenchFigureSource };
  /**
   * What `sizeBytes` is: absent = memory in use while loaded (Ollama /api/ps); `file` = the model file's
   * size (llama.cpp /v1/models meta.size), the server reports no memory use.
   */
  sizeSource?: 'file';
}

/** Where a bench figure comes from (the Backend's FigureSource, restated here: core imports no backend). */
export type BenchFigureSource = 'server-exact' | 'client-measured';

export interface BenchSettings {
  host: string;
  local: boolean;
  prompt: string;
  runs: number;
  numCtx: number | null;
  think: BenchThink | null;
}

export interface BenchReport extends BenchSettings {
  command: 'bench';
  /** The server's label (`vLLM 0.19.1`) for a bench through an OpenAI-compatible server; absent for Ollama. */
  server?: string;
  /** Sentences about this server's bench (e.g. it serves exactly one model, num_ctx is fixed by the server). */
  notes?: string[];
  /** ISO time the bench started. */
  at: string;
  results: BenchModelResult[];
}
