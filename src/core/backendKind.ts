/**
 * The kinds of inference server r1-tui talks to. In core so that src/system (the config's `hosts`
 * list) and src/backends share one list; src/backends/backend.ts re-exports it.
 */
export type BackendKind = 'ollama' | 'llama.cpp' | 'vllm' | 'sglang' | 'lmstudio' | 'openai';

export const BACKEND_KINDS: readonly BackendKind[] = ['ollama', 'llama.cpp', 'vllm', 'sglang', 'lmstudio', 'openai'];
