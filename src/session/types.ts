/**
 * State shapes shared by src/session (writers) and src/ui (readers).
 * The UI never mutates these; it calls the actions below (AppActions, implemented in controller.ts).
 */
import type { ChatSettings } from '../core/chatSettings.js';
import type { PsModel, TagModel } from '../backends/ollama/types.js';
import type { BackendKind, Capabilities, PromptProgress, ReplyStats, ServerMetrics } from '../backends/backend.js';
import type { ModelActions, ModelFacts, ModelLoading, ModelSettings, PullState, ServedModel } from './modelTypes.js';
import type { BenchActions } from './benchView.js';
import type { ModelReason } from './modelChoice.js';
import type { FinalMetrics, ThinkValue } from '../core/chatTypes.js';
import type { GpuSample, SystemSample } from '../system/sampleTypes.js';

/** The model listings the UI draws, as the backend reports them (the UI reads them only through here). */
export type { PsModel, TagModel };
/** The machine's figures the UI draws, as src/system measures them (the UI reads them only through here). */
export type { GpuSample, SystemSample };
import type { TurnContext } from './contextTypes.js';
import type { HostsState } from './hostsTypes.js';
import type { PublicHost } from './hostList.js';

/** Where the current turn is. `loading` = waiting for headers (model load + prompt eval). */
export type Phase = 'idle' | 'loading' | 'thinking' | 'answering';

export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'error';

/**
 * One exchange. Text fields are the model's split text, already sanitized where it entered r1-tui (the
 * backend client, or the conversation file reader); the UI wraps it (its own sanitize calls are a second
 * line of defence, not the guarantee). A streaming turn is mutated in place and `rev` is bumped on every change, so wrap caches can
 * key on (id, rev, width).
 */
export interface Turn {
  id: number;
  user: string;
  model: string;
  /** The host that answered (name and URL, never a key); absent in turns saved before hosts existed. */
  host?: PublicHost;
  /** Quantization of the model that answered, when known (e.g. Q4_K_M). */
  quantization?: string;
  thinking: string;
  answer: string;
  status: TurnStatus;
  /** Human sentence when status is 'error' or 'stopped' with a cause. */
  error?: string;
  /** performance.now() ms timestamps. */
  startedAt: number;
  firstChunkAt?: number;
  firstThinkingAt?: number;
  lastThinkingAt?: number;
  firstAnswerAt?: number;
  endedAt?: number;
  /** Streamed chunks counted as tokens (an estimate until `metrics` arrives). */
  thinkingTokens: number;
  /**
   * The figures shown while the turn streams, refreshed at most once a second by the stream controller
   * (so live counts and rates do not change on screen with every token): thinking tokens counted at `at`.
   */
  shown?: { at: number; thinkingTokens: number };
  answerTokens: number;
  /** Server-exact figures only (Ollama's durations, llama.cpp's timings); see `stats` for their sources. */
  metrics?: FinalMetrics;
  /** Every figure of the reply with its source (server-exact / client-measured), from the backend. */
  stats?: ReplyStats;
  /** llama.cpp prompt-processing progress, while the prompt is read. */
  promptProgress?: PromptProgress;
  doneReason?: string;
  /** The `think` value the request carried (undefined = left out). */
  think?: ThinkValue;
  /** Context-window facts: the prompt estimate and size at send, what Ollama did after (contextTurn.ts). */
  context?: TurnContext;
  /** Bumped on every change to this turn. */
  rev: number;
}

export interface ConnectionState {
  host: string;
  /** The host's name (config `hosts` name, or host:port), when the session has a host list. */
  hostName?: string;
  /** How the host was chosen, shown in the header and in the unreachable screen. */
  hostSource: 'flag' | 'env' | 'default' | 'config' | 'demo';
  status: 'connecting' | 'connected' | 'unreachable';
  serverVersion?: string;
  /** Human sentence for the last failure. */
  error?: string;
  demo: boolean;
  /** Next automatic retry (performance.now() ms) while unreachable. */
  retryAt?: number;
  /**
   * The server's kind is not known yet: the host did not answer at start, so nothing is assumed;
   * detection runs again with each retry (session/detectingClient.ts).
   */
  undetected?: boolean;
}

/**
 * The kind of server and what it offers (absent: Ollama as before). `local`: the server runs on this
 * machine (RAM/VRAM of this machine are shown only then).
 */
export interface ServerState {
  kind: BackendKind;
  /** `llama.cpp b6881`, `vLLM 0.19.1`, `SGLang 0.4.4`, `LM Studio`, `OpenAI-compatible`. */
  label: string;
  capabilities: Capabilities;
  local: boolean;
  /** Context the server runs the model with, when it says (vLLM max_model_len, llama.cpp n_ctx). */
  contextLength?: number;
  /** Latest metrics poll (vLLM/SGLang /metrics, llama.cpp /slots) while the panel shows them. */
  metrics?: ServerMetrics;
  metricsError?: string;
}

export interface ModelState {
  current?: string;
  /** Why this model was picked (data, see ModelReason in modelChoice.ts). */
  reason?: ModelReason;
  installed: TagModel[];
  /** True once /api/tags has answered (an empty `installed` then really means no models). */
  listed?: boolean;
  /** Capabilities of the current model from /api/show, when known. */
  capabilities?: string[];
  /** `<arch>.block_count` of the current model, when known. */
  blockCount?: number;
  think: ThinkValue | undefined;
  /** The values cycleThink() steps through for this model and server (empty: the model cannot think). */
  thinkOptions?: ThinkValue[];
  /** Quantization of the current model (from /api/tags or /api/show), e.g. Q4_K_M. */
  quantization?: string;
  /** /api/show facts per installed model, cached for the session (picker columns, fit). */
  facts?: Record<string, ModelFacts>;
  /** num_ctx / num_gpu chosen per model in the picker's detail view. */
  settings?: Record<string, ModelSettings>;
  /** num_ctx every request carries unless the model has its own (config numCtx); for the context gauge. */
  numCtxDefault?: number;
  /** The running or last pull. */
  pull?: PullState;
  /** A switch preloading a model. */
  loading?: ModelLoading;
  /** A server other than Ollama: what it says per model (context, one model only, loaded, slots). */
  served?: Record<string, ServedModel>;
}

export interface PlacementState {
  models: PsModel[];
  fetchedAt?: number;
  error?: string;
}

/** Live rate figures for the streaming (or last) turn. tok/s; undefined while unknown. */
export interface LiveRates {
  thinkingRate?: number;
  answerRate?: number;
  /** Rate of the whole generation so far (think + answer). */
  rate?: number;
  /** The current model's per-turn final eval rates, oldest first (for the sparkline). Other models'
   * are parked in the model controller and come back when the user switches to them. */
  history: number[];
}

export interface Notice {
  text: string;
  level: 'info' | 'warn' | 'error';
  at: number;
}

export interface AppState {
  connection: ConnectionState;
  /** Set for servers other than Ollama (Ollama keeps today's panel). */
  server?: ServerState;
  model: ModelState;
  turns: Turn[];
  phase: Phase;
  phaseSince: number;
  placement: PlacementState;
  rates: LiveRates;
  system: SystemSample | null;
  notice: Notice | null;
  /** Set while the thinking stream of the current turn repeats itself (R1 thinking loops). */
  loop: { turnId: number; evidence: string } | null;
  /** This conversation's system prompt and sampling options (Alt+S); saved with every turn. */
  chatSettings?: ChatSettings;
  /** Every host with its backend, health and models (the host switcher, Alt+H); absent without a host list. */
  hosts?: HostsState;
}

/** What the UI may ask of the session layer (implemented in src/session/controller.ts). */
export interface AppActions {
  /** Send a user message (the whole history goes to /api/chat). Ignored while streaming. */
  send(text: string): void;
  /** Stop the streaming turn (real abort); the partial answer is kept and marked stopped. */
  stop(): void;
  /** Stop the current turn and ask the same question again (used by the thinking-loop banner). */
  stopAndReask(): void;
  /** Cycle think: on (true) → off (false) → levels the server accepts → on. */
  cycleThink(): void;
  /** Switch the model for the next turn (history kept). */
  selectModel(name: string): void;
  /** Retry connecting now (unreachable screen). */
  retryNow(): void;
  /** Clear the notice line. */
  dismissNotice(): void;
  /** Set this conversation's system prompt and sampling options (Alt+S); used from the next question. */
  setChatSettings?(settings: ChatSettings): void;
  /** Model management (picker: unload, pull, per-model settings); createSession provides it. */
  models?: ModelActions;
  /** The Alt+R compare bench; createSession provides it. */
  bench?: BenchActions;
  /** Saved conversations (the CLI adds them: they need the conversation files). */
  conversations?: ConversationActions;
  /** Copy part of a turn to the clipboard (OSC 52 or a file); the result is shown as a notice. CLI-provided. */
  copy?(target: CopyTarget): void;
  /** The host switcher (Alt+H). */
  hosts?: HostActions;
}

export interface HostActions {
  /** The switcher opened: refresh every host now and every few seconds while it stays open. */
  open(): void;
  /** The switcher closed: no more refreshes. */
  close(): void;
  /** Talk to this host from the next question (the conversation is kept); a sentence when it cannot. */
  switchTo(name: string): string | undefined;
}

/**
 * What a copy key copies: the answer, the reasoning, or fenced code block N (1-based) of turn `turnId`
 * (the turn selected with Alt+↑/↓), or of the last turn when `turnId` is absent.
 */
export type CopyTarget = ({ kind: 'answer' } | { kind: 'reasoning' } | { kind: 'code'; index: number }) & { turnId?: number };

export interface ConversationListItem {
  id: string;
  updatedAt: Date;
  firstQuestion: string;
  turnCount: number;
  problem?: string;
}

export interface ConversationActions {
  /** Past conversations, newest first; `skipped` names files that could not be read. */
  list(): { items: ConversationListItem[]; skipped: string[] };
  /** Load a past conversation into the chat (ignored while a turn streams); later turns append to it. */
  open(id: string): void;
  /** Clear the chat; the next turn starts a new conversation file. */
  startNew(): void;
  /** Write a conversation as Markdown; returns a sentence for the notice line. */
  exportMarkdown?(id: string, reasoning: boolean): string;
}
