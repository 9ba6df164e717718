/**
 * Pulls a model with /api/pull: progress lines go through core/pullProgress into state.model.pull;
 * Esc aborts; errors become sentences; on success the installed list is refreshed.
 */
import { pullErrorSentence, reducePull, startPull } from '../core/pullProgress.js';
import { OllamaError, type OllamaApi, type PullStream } from '../backends/ollama/types.js';
import type { PullState } from './modelTypes.js';
import type { Notices } from './notices.js';
import type { AppStore } from './store.js';

export interface PullDeps {
  api: OllamaApi;
  store: AppStore;
  notices: Notices;
  now: () => number;
  /** Reload /api/tags after a successful pull. */
  onPulled: (name: string) => Promise<void>;
}

export class PullController {
  private stream: PullStream | undefined;
  private cancelled = false;
  private seq = 0;

  constructor(private readonly deps: PullDeps) {}

  get pulling(): boolean {
    return this.deps.store.getState().model.pull?.status === 'pulling';
  }

  private set(pull: PullState | undefined): void {
    const { store } = this.deps;
    const model = { ...store.getState().model };
    if (pull) model.pull = pull;
    else delete model.pull;
    store.update({ model });
  }

  async pull(rawName: string): Promise<void> {
    const name = rawName.trim();
    if (name === '' || this.pulling) return;
    const { api, store, notices, now } = this.deps;
    const seq = ++this.seq;
    this.cancelled = false;
    let state: PullState = { name, status: 'pulling', progress: startPull(now()) };
    this.set(state);
    store.flush();
    try {
      this.stream = await api.pull(name);
      for await (const line of this.stream) {
        if (seq !== this.seq) return;
        state = { ...state, progress: reducePull(state.progress, line, now()) };
        this.set(state);
      }
      if (this.cancelled) throw new Error('cancelled');
      if (!state.progress.success) throw new OllamaError('stream-incomplete', 'The pull ended before Ollama said success.');
      this.set({ ...state, status: 'done' });
      notices.show(`Pulled ${name}. Press Enter in the picker to switch to it.`, 'info');
      await this.deps.onPulled(name);
    } catch (err) {
      if (seq !== this.seq) return;
      if (this.cancelled) {
        this.set({ ...state, status: 'cancelled' });
        notices.show(`Pull of ${name} cancelled. Pulling it again resumes where it stopped.`, 'info');
      } else {
        const message = err instanceof Error ? err.message : String(err);
        const error = pullErrorSentence(name, message);
        this.set({ ...state, status: 'error', error });
        notices.show(error, 'error');
      }
    } finally {
      if (seq === this.seq) this.stream = undefined;
      store.flush();
    }
  }

  cancel(): void {
    if (!this.pulling) return;
    this.cancelled = true;
    this.stream?.abort();
  }

  clear(): void {
    if (this.pulling) return;
    this.set(undefined);
    this.deps.store.flush();
  }

  dispose(): void {
    this.cancel();
  }
}
