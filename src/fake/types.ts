/**
 * Public types of the fake Ollama server (src/fake). The server follows
 * Ollama's recorded behaviour (test/fixtures/recordings, test/fake-ollama/README.md); everything here is simulated, no model runs.
 */

/** One streamed piece. `thinking` set = reasoning text; otherwise `content` is emitted as is (may hold raw tags). */
export interface FakeChunk {
  /** Gap before this chunk, in ms (divided by `speed`). */
  dtMs: number;
  thinking?: string;
  content: string;
}

export interface FakeFinalMetrics {
  total_duration: number;
  load_duration: number;
  prompt_eval_count: number;
  prompt_eval_duration: number;
  eval_count: number;
  eval_duration: number;
  done_reason: string;
}

export interface FakeScript {
  chunks: FakeChunk[];
  /** Values that override the computed metrics of the final object (e.g. a recording's own numbers). */
  final?: Partial<FakeFinalMetrics>;
  /** Gap between the last chunk and the done object, in ms (default: the typical chunk gap). */
  doneDtMs?: number;
}

export interface FakeModel {
  name: string;
  family: string;
  arch: string;
  parameterSize: string;
  quantization: string;
  sizeOnDisk: number;
  blockCount: number;
  contextLength: number;
  embeddingLength: number;
  headCount: number;
  headCountKv: number;
  capabilities: string[];
  /** Placement when loaded: `size` and `size_vram` of /api/ps. */
  loadedSize: number;
  loadedVram: number;
}

export type ThinkingStyle = 'field' | 'tags' | 'tags-no-open' | 'none';

export type FakeFault =
  | { kind: 'busy' }
  | { kind: 'status'; status: number; error: string; contentType?: 'json' | 'text' }
  | { kind: 'error-line'; afterChunks: number; error: string }
  | { kind: 'drop'; afterChunks: number }
  | { kind: 'malformed'; afterChunks: number }
  | { kind: 'no-done'; afterChunks: number };

export interface RecordedRequest {
  method: string;
  path: string;
  /** Parsed JSON body, the raw text when it is not JSON, or undefined when empty. */
  body: any;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface FakeOptions {
  host?: string;
  port?: number;
  version?: string;
  models?: FakeModel[];
  tokensPerSecond?: number;
  speed?: number;
  thinkingStyle?: ThinkingStyle;
  script?: (req: RecordedRequest) => FakeScript;
  headerDelayMs?: number;
  /** Prompt processing pace in tokens/s (default 400, before `speed`); lower it for a slow prompt eval. */
  promptTokensPerSecond?: number;
  splitWrites?: boolean;
  keepAliveMs?: number;
  /** Applied to POST /api/chat only; `n` is the 1-based number of that chat request. */
  fault?: FakeFault | ((req: RecordedRequest, n: number) => FakeFault | undefined);
}

export interface FakeOllama {
  url: string;
  port: number;
  requests: RecordedRequest[];
  options: FakeOptions;
  set(patch: Partial<FakeOptions>): void;
  /** Names of the loaded models, in /api/ps order. */
  loaded(): string[];
  /** Number of responses still being generated (timers pending). */
  active(): number;
  close(): Promise<void>;
}
