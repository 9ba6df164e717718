/**
 * Model-management shapes (picker facts, per-model settings, pull and preload state, model actions).
 * Kept apart from types.ts so the shared contract only gains optional fields that point here.
 */
import type { ModelShape } from '../core/fitEstimate.js';
import type { PullProgressState } from '../core/pullProgress.js';

/** What /api/show said about one installed model (cached per model for the session). */
export interface ModelFacts {
  capabilities: string[];
  family?: string;
  parameterSize?: string;
  quantization?: string;
  /** From model_info, for the fit estimate; undefined when incomplete. */
  shape?: ModelShape;
}

/** Load-time settings the user chose for one model; sent in `options` on every request for it. */
export interface ModelSettings {
  numCtx?: number;
  /** Layers on the GPU; undefined = Ollama decides. */
  numGpu?: number;
}

export interface PullState {
  name: string;
  status: 'pulling' | 'done' | 'error' | 'cancelled';
  progress: PullProgressState;
  /** Human sentence when status is 'error'. */
  error?: string;
}

/** A preload (model switch) in progress. */
export interface ModelLoading {
  name: string;
  /** performance.now() ms */
  since: number;
}

/** Model actions the UI may call (AppActions.models; optional so test doubles without them still type-check). */
export interface ModelActions {
  /** Unload a model (default: the current one) with keep_alive 0. */
  unload(name?: string): void;
  /** Pull a model from the registry; progress goes to state.model.pull. */
  pull(name: string): void;
  /** Abort the running pull. */
  cancelPull(): void;
  /** Forget a finished pull's result (closes the progress view). */
  clearPull(): void;
  /** Change num_ctx / num_gpu for a model (reloads it if it is the current one). */
  setSettings(name: string, settings: ModelSettings): void;
}

/**
 * What a server other than Ollama says about one of its models, through the Backend interface
 * (listModels(): vLLM/SGLang `max_model_len`, LM Studio `state`; loaded(): llama.cpp `/slots`).
 * Absent fields are unknown, not false.
 */
export interface ServedModel {
  /** Context the server runs the model with (vLLM/SGLang max_model_len, llama.cpp /slots n_ctx). */
  contextLength?: number;
  /** The server serves exactly this one model (llama.cpp without router mode, vLLM, SGLang). */
  servedExactlyOne?: boolean;
  /** In memory now, when the server can tell (LM Studio state; one-model servers always). */
  loaded?: boolean;
  /** llama.cpp /slots: parallel slots and how many are busy. */
  slots?: { total: number; busy: number };
}
