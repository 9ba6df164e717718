/**
 * Connection state: ping /api/version at start; when Ollama cannot be reached, show why and retry every
 * 2 s, backing off to 10 s (`connection.retryAt` says when). retryNow() tries at once. Other controllers
 * report a lost server with markUnreachable(); coming back sets 'connected' and shows a notice.
 */
import { OllamaError, type OllamaApi } from '../backends/ollama/types.js';
import { unreachableSentence } from '../backends/ollama/errors.js';
import { BackendError } from '../backends/errors.js';
import type { Notices } from './notices.js';
import type { AppStore } from './store.js';
import type { ConnectionState } from './types.js';
import type { Timers } from './timers.js';

export const DEFAULT_RETRY_DELAYS_MS = [2000, 4000, 8000, 10_000];

export interface ConnectionDeps {
  api: OllamaApi;
  /** "Ollama" (default), or the label of another server ("vLLM 0.19.1"). */
  serverName?: string;
  store: AppStore;
  notices: Notices;
  timers: Timers;
  now: () => number;
  retryDelaysMs?: number[];
  /** Runs after each successful connect (first = the first time this session). */
  onConnected: (first: boolean) => Promise<void>;
}

export class ConnectionController {
  private failures = 0;
  private connecting = false;
  private everConnected = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Bumped by reconnect(): answers to an earlier host's ping are ignored. */
  private generation = 0;
  private readonly delays: number[];

  constructor(private readonly deps: ConnectionDeps) {
    this.delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  get connected(): boolean {
    return this.deps.store.getState().connection.status === 'connected';
  }

  start(): void {
    void this.connect();
  }

  retryNow(): void {
    if (this.connected) return;
    this.deps.timers.cancel(this.retryTimer);
    this.retryTimer = undefined;
    void this.connect();
  }

  /** The session now talks to another host (the client was switched): connect to it from scratch. */
  reconnect(): void {
    if (this.disposed) return;
    this.deps.timers.cancel(this.retryTimer);
    this.retryTimer = undefined;
    this.failures = 0;
    this.generation++;
    this.connecting = false;
    this.patch({ status: 'connecting', error: undefined, retryAt: undefined, serverVersion: undefined });
    this.deps.store.flush();
    void this.connect();
  }

  /** A request failed because the server is gone: flip to unreachable and start retrying. */
  markUnreachable(err: unknown): void {
    if (this.disposed || this.deps.store.getState().connection.status === 'unreachable') return;
    this.fail(err);
  }

  /** Check the server is still there (after a cut-off stream); flips to unreachable if not. */
  verify(): void {
    if (!this.connected || this.connecting) return;
    this.deps.api.version().catch((err: unknown) => {
      if ((err instanceof OllamaError || err instanceof BackendError) && (err.kind === 'unreachable' || err.kind === 'timeout')) this.markUnreachable(err);
    });
  }

  dispose(): void {
    this.disposed = true;
    this.deps.timers.cancel(this.retryTimer);
  }

  private patch(p: Partial<ConnectionState>): void {
    const { store } = this.deps;
    const next: ConnectionState = { ...store.getState().connection, ...p };
    for (const key of Object.keys(p) as Array<keyof ConnectionState>) if (p[key] === undefined) delete next[key];
    store.update({ connection: next });
  }

  private async connect(): Promise<void> {
    if (this.connecting || this.disposed) return;
    this.connecting = true;
    const gen = this.generation;
    const { api, store, notices } = this.deps;
    const wasUnreachable = store.getState().connection.status === 'unreachable';
    if (!wasUnreachable) this.patch({ status: 'connecting' });
    let version: string;
    try {
      version = await api.version();
    } catch (err) {
      if (gen !== this.generation) return;
      this.connecting = false;
      if (!this.disposed) this.fail(err);
      return;
    }
    if (this.disposed || gen !== this.generation) return;
    this.failures = 0;
    this.patch({ status: 'connected', serverVersion: version, error: undefined, retryAt: undefined });
    store.flush();
    const name = this.deps.serverName ?? 'Ollama';
    if (wasUnreachable) notices.show(name === 'Ollama' ? `Connected to Ollama ${version} at ${api.host}.` : `Connected to ${name} at ${api.host}.`, 'info');
    const first = !this.everConnected;
    this.everConnected = true;
    try {
      await this.deps.onConnected(first);
    } finally {
      if (gen === this.generation) this.connecting = false;
    }
  }

  private fail(err: unknown): void {
    const { store, timers, now, api } = this.deps;
    const delay = this.delays[Math.min(this.failures, this.delays.length - 1)] ?? 10_000;
    this.failures++;
    const sentence = err instanceof OllamaError || err instanceof BackendError ? err.message : unreachableSentence(api.host);
    this.patch({ status: 'unreachable', error: sentence, retryAt: now() + delay });
    store.flush();
    timers.cancel(this.retryTimer);
    this.retryTimer = timers.after(delay, () => {
      this.retryTimer = undefined;
      void this.connect();
    });
  }
}
