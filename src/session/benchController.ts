/**
 * The TUI's "Compare models" bench (Alt+R): runs runBenchModels (the same core as `r1-tui bench`) with
 * per-model live progress for the overlay, cancellable with Esc. The chat is left alone: the bench turns
 * are not added to the conversation and the current model stays current (reloaded afterwards when the
 * bench pushed it out of memory). The report goes to the same history file as the CLI's.
 */
import { BenchSteps } from './benchSteps.js';
import { RateEstimator } from '../core/rate.js';
import { OllamaError, type OllamaApi } from '../backends/ollama/types.js';
import { BenchCancelledError, sameModel, serverSentence, type BenchProgressSink } from './benchMeasure.js';
import { SamplePeaks } from './benchPeaks.js';
import { runBenchModels } from './benchRun.js';
import { runBackendBench } from './benchBackend.js';
import type { Backend } from '../backends/backend.js';
import type { BenchModelResult, BenchReport } from '../core/benchTypes.js';
import { IDLE_BENCH, type BenchActions, type BenchModelProgress, type BenchViewState } from './benchView.js';
import type { Notices } from './notices.js';
import type { AppStore } from './store.js';
import { isBusy } from './busy.js';

export interface BenchControllerDeps {
  api: OllamaApi;
  /** The session's Backend: a server other than Ollama (state.server set) is benched through it (benchBackend.ts). */
  backend?: Backend;
  store: AppStore;
  notices: Notices;
  now: () => number;
  date?: () => Date;
  /** A chat reply is streaming (the bench refuses to start). */
  isStreaming: () => boolean;
  /** Ollama runs on this machine (RAM/VRAM columns); default: the sampler did not say 'remote'. */
  local?: boolean;
  /** Append the report to the bench history; returns a sentence naming the file, throws on failure. */
  saveReport?: (report: BenchReport) => string;
  /** Load the chat's model again after the bench (the session's preloader). */
  reload?: (name: string) => Promise<void>;
  /** Coalescing of token updates for the overlay, ms. */
  notifyMs?: number;
}

export const STREAMING_REFUSAL = 'A reply is streaming: wait for it to finish (or press Esc to stop it), then press Alt+R again.';

export class BenchController implements BenchActions {
  private state: BenchViewState = IDLE_BENCH;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private abort: AbortController | undefined;
  private disposed = false;

  constructor(private readonly deps: BenchControllerDeps) {}

  getState = (): BenchViewState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(request: { models: string[]; runs: number; prompt: string }): string | undefined {
    const app = this.deps.store.getState();
    if (this.state.status === 'running') return 'A comparison is already running (Esc cancels it).';
    if (this.deps.isStreaming() || isBusy(app)) return STREAMING_REFUSAL;
    if (app.connection.status !== 'connected') return `Ollama is not reachable at ${app.connection.host}; the comparison needs it.`;
    if (request.models.length === 0) return 'Select at least one model with Space, then press Enter.';
    if (request.prompt.trim() === '') return 'There is no prompt: type one in the input box (or ask a question first), then press Alt+R.';
    const runs = Math.max(1, Math.min(100, Math.round(request.runs)));
    const now = this.deps.now();
    this.state = {
      status: 'running',
      prompt: request.prompt,
      runs,
      models: request.models.map((model) => ({ model, status: 'waiting', since: now, run: 0, tokens: 0 })),
      stepsDone: 0,
      stepsTotal: request.models.length * (runs + 1),
      startedAt: now,
    };
    this.emit(true);
    this.abort = new AbortController();
    void this.run(request.models, runs, request.prompt, this.abort.signal);
    return undefined;
  }

  cancel(): void {
    if (this.state.status === 'running') this.abort?.abort();
  }

  reset(): void {
    if (this.state.status === 'running') return;
    this.state = IDLE_BENCH;
    this.emit(true);
  }

  dispose(): void {
    this.disposed = true;
    this.abort?.abort();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  private async run(models: string[], runs: number, prompt: string, signal: AbortSignal): Promise<void> {
    const { api, store, now } = this.deps;
    const current = store.getState().model.current;
    const wasLoaded = current !== undefined && (await this.isLoaded(current));
    const system = store.getState().system;
    const local = this.deps.local ?? system?.gpuNote !== 'remote';
    const peaks = local ? new SamplePeaks() : null;
    let lastSample = system;
    if (peaks && system) peaks.add(system);
    const unsubscribe = peaks
      ? store.subscribe(() => {
          const s = store.getState().system;
          if (s && s !== lastSample) peaks.add((lastSample = s));
        })
      : () => {};
    const diskSizes = new Map(store.getState().model.installed.map((m) => [m.name, m.size]));
    const progress = new OverlayProgress(this, now);
    const server = store.getState().server;
    try {
      const report = server && this.deps.backend
        ? await runBackendBench({ models, prompt, runs }, {
          backend: this.deps.backend,
          label: server.label,
          now,
          date: this.deps.date ?? (() => new Date()),
          progress,
          signal,
          onModelStart: (_model, index) => progress.modelStarted(index),
          onResult: (result, index) => progress.modelDone(index, result),
        })
        : await runBenchModels(
        { models, prompt, runs },
        {
          api,
          host: api.host,
          local,
          now,
          date: this.deps.date ?? (() => new Date()),
          peaks,
          progress,
          diskSizes,
          signal,
          onModelStart: (_model, index) => progress.modelStarted(index),
          onResult: (result, index) => progress.modelDone(index, result),
        },
      );
      this.patch({ status: 'done', report, historyNote: this.save(report) });
    } catch (err) {
      if (err instanceof BenchCancelledError || signal.aborted) {
        const inFlight = (m: BenchModelProgress) => m.status !== 'waiting' && m.status !== 'done' && m.status !== 'failed';
        this.patch({ status: 'cancelled', models: this.state.models.map((m) => (inFlight(m) ? { ...m, status: 'cancelled', since: now() } : m)) });
      }
      else this.patch({ status: 'failed', error: benchFailure(err) });
    } finally {
      unsubscribe();
      this.patch({ etaMs: undefined });
      this.emit(true);
      if (!this.disposed) await this.restoreChatModel(current, wasLoaded, models);
    }
  }

  private save(report: BenchReport): string | undefined {
    if (!this.deps.saveReport) return undefined;
    try {
      return this.deps.saveReport(report);
    } catch (err) {
      return `Could not append to the bench history: ${(err as Error).message}`;
    }
  }

  private async isLoaded(model: string): Promise<boolean> {
    try {
      return (await this.deps.api.ps()).some((m) => sameModel(m.name, model) || sameModel(m.model, model));
    } catch {
      return false;
    }
  }

  /** The chat's model stays current; when the bench pushed it out of memory, load it again. */
  private async restoreChatModel(current: string | undefined, wasLoaded: boolean, models: string[]): Promise<void> {
    const word = this.state.status === 'done' ? 'Comparison done' : this.state.status === 'cancelled' ? 'Comparison cancelled' : 'Comparison stopped';
    if (current === undefined) return;
    if (!wasLoaded || (await this.isLoaded(current))) {
      this.deps.notices.show(`${word}; the chat still uses ${current}.`, 'info');
      return;
    }
    const touched = models.some((m) => sameModel(m, current)) ? 'was reloaded by the bench' : 'was pushed out of memory';
    if (this.deps.reload) {
      this.deps.notices.show(`${word}. ${current} ${touched}; loading it again for the chat (the next reply may wait for it).`, 'info');
      await this.deps.reload(current).catch(() => undefined);
    } else {
      this.deps.notices.show(`${word}. ${current} ${touched}; the next reply will load it again.`, 'info');
    }
  }

  /** @internal progress updates from OverlayProgress */
  updateModel(index: number, p: Partial<BenchModelProgress>, steps?: { done: number; etaMs: number | undefined }): void {
    const models = this.state.models.map((m, i) => (i === index ? { ...m, ...p } : m));
    this.state = { ...this.state, models, ...(steps ? { stepsDone: steps.done, etaMs: steps.etaMs, etaAt: this.deps.now() } : {}) };
    this.emit(p.status !== undefined || steps !== undefined);
  }

  private patch(p: Partial<BenchViewState>): void {
    this.state = { ...this.state, ...p };
    if (p.etaMs === undefined && 'etaMs' in p) delete this.state.etaMs;
    this.emit(true);
  }

  private emit(now: boolean): void {
    if (this.disposed) return;
    if (!now) {
      if (this.timer) return;
      this.timer = setTimeout(() => this.emit(true), this.deps.notifyMs ?? 100);
      this.timer.unref?.();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const l of [...this.listeners]) l();
  }
}

function benchFailure(err: unknown): string {
  if (err instanceof OllamaError && err.kind === 'unreachable') return err.message;
  return `The comparison stopped: ${serverSentence(err)}`;
}

/** Turns the measuring core's steps into per-model rows, step counts and an ETA. */
class OverlayProgress implements BenchProgressSink {
  private index = -1;
  private run = 0;
  private tokens = 0;
  private rate = new RateEstimator();
  private readonly steps: BenchSteps;

  constructor(
    private readonly owner: BenchController,
    private readonly now: () => number,
  ) {
    const s = owner.getState();
    this.steps = new BenchSteps({ loads: s.models.length, runs: s.models.length * s.runs }, now());
  }

  modelStarted(index: number): void {
    this.index = index;
    this.run = 0;
  }

  modelDone(index: number, result: BenchModelResult): void {
    const failed = result.status === 'failed';
    this.owner.updateModel(index, {
      status: failed ? 'failed' : 'done',
      since: this.now(),
      result,
      ...(failed ? { error: result.error ?? 'unknown error' } : {}),
      ...(result.evalRate ? { rate: result.evalRate.mean } : {}),
    });
  }

  begin(_label: string, kind: 'load' | 'run'): void {
    const at = this.now();
    this.steps.begin(kind, at);
    this.tokens = 0;
    this.rate = new RateEstimator();
    if (kind === 'run') this.run++;
    this.owner.updateModel(this.index, { status: kind === 'load' ? 'loading' : 'prompt', since: at, run: this.run, tokens: 0 });
  }

  token(phase: 'thinking' | 'answering' = 'answering', at: number = this.now()): void {
    this.tokens++;
    this.rate.add(at);
    const rate = this.rate.rate(at);
    this.owner.updateModel(this.index, { status: phase, tokens: this.tokens, ...(rate !== undefined ? { rate } : {}) });
  }

  step(): void {
    const { kind, ms } = this.steps.step(this.now());
    const p: Partial<BenchModelProgress> = kind === 'load' ? { loadMs: Math.round(ms) } : {};
    this.owner.updateModel(this.index, p, { done: this.steps.done, etaMs: this.steps.etaMs() });
  }

  skipRuns(count: number): void {
    this.steps.skipRuns(count);
    this.owner.updateModel(this.index, {}, { done: this.steps.done, etaMs: this.steps.etaMs() });
  }
}
