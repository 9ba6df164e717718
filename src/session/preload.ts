/**
 * Preloading a model on switch (/api/chat with empty messages, as Ollama's API docs describe loading a model): phase 'loading' with
 * its start time, then a notice with the load time. Per-model num_ctx/num_gpu go with the preload so
 * Ollama does not load twice. A later switch makes an earlier preload's result irrelevant.
 */
import { formatSeconds } from '../core/format.js';
import { OllamaError, type OllamaApi } from '../backends/ollama/types.js';
import type { ModelState } from './types.js';
import type { Notices } from './notices.js';
import type { AppStore } from './store.js';

export interface PreloadDeps {
  api: OllamaApi;
  store: AppStore;
  notices: Notices;
  now: () => number;
  /** `options` for requests to this model (num_ctx, num_gpu), or undefined. */
  optionsFor: (name: string) => Record<string, number> | undefined;
  onLoaded: () => void;
  onUnreachable: (err: OllamaError) => void;
}

export class Preloader {
  private seq = 0;

  constructor(private readonly deps: PreloadDeps) {}

  private patchModel(p: Partial<ModelState>): void {
    const { store } = this.deps;
    const model: ModelState = { ...store.getState().model, ...p };
    if (p.loading === undefined) delete model.loading;
    store.update({ model });
  }

  /** Load `name` now unless a turn is running (its own request loads the model then). */
  async preload(name: string): Promise<void> {
    const { api, store, notices, now } = this.deps;
    const state = store.getState();
    if (state.phase !== 'idle') return;
    const seq = ++this.seq;
    const since = now();
    this.patchModel({ loading: { name, since } });
    store.update({ phase: 'loading', phaseSince: since });
    store.flush();
    try {
      const options = this.deps.optionsFor(name);
      if (options) {
        const stream = await api.chat({ model: name, messages: [], options });
        for await (const _ of stream) void _;
      } else {
        await api.load(name);
      }
      if (seq !== this.seq) return;
      notices.show(`Loaded ${name} in ${formatSeconds(now() - since)}.`, 'info');
    } catch (err) {
      if (seq !== this.seq) return;
      if (err instanceof OllamaError && err.kind === 'unreachable') this.deps.onUnreachable(err);
      const message = err instanceof Error ? err.message : String(err);
      notices.show(`Could not load ${name}: ${message}`, 'error');
    } finally {
      if (seq === this.seq) {
        this.patchModel({ loading: undefined });
        // Only end the phase this preload started (a turn may have begun meanwhile).
        if (store.getState().phase === 'loading' && store.getState().turns.at(-1)?.status !== 'streaming') {
          store.update({ phase: 'idle', phaseSince: now() });
        }
        store.flush();
        this.deps.onLoaded();
      }
    }
  }
}
