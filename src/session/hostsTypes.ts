/** The hosts slice of the store: what the host switcher (Alt+H) shows. No API key is ever in here. */
import type { BackendKind } from '../backends/backend.js';
import type { HostSource } from './hostList.js';

export interface HostModelRow {
  name: string;
  /** In memory now (Ollama /api/ps, LM Studio state, llama.cpp /slots); undefined: the server cannot tell. */
  loaded?: boolean;
  /** Bytes, and bytes in VRAM (Ollama /api/ps). */
  size?: number;
  /** What `size` is: `memory` in use while loaded (Ollama /api/ps), or the model `file` (Ollama /api/tags, llama.cpp meta.size). */
  sizeSource?: 'memory' | 'file';
  sizeVram?: number;
  contextLength?: number;
  quantization?: string;
  parameterSize?: string;
}

export type HostHealth = 'unknown' | 'checking' | 'ok' | 'down';

export interface HostEntry {
  name: string;
  /** Base URL, without credentials. */
  url: string;
  source: HostSource;
  kind?: BackendKind;
  version?: string;
  /** `Ollama 0.12.6`, `vLLM 0.19.1`, `llama.cpp b6881`. */
  label?: string;
  health: HostHealth;
  /** Why it is down or unknown, one sentence. */
  error?: string;
  models: HostModelRow[];
  /** The server serves exactly one model (llama.cpp without router mode, vLLM, SGLang). */
  servesOne?: boolean;
  /** The server cannot say which models are loaded (no /api/ps equivalent). */
  loadedUnknown?: boolean;
  /** performance.now() ms of the last answer. */
  checkedAt?: number;
}

export interface HostsState {
  /** Name of the host the chat talks to. */
  current: string;
  entries: HostEntry[];
  /** The switcher is open (the controller refreshes only then). */
  open: boolean;
}
