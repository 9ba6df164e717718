/**
 * Every host of the session with its detected backend (detect.ts), health and models: an `ollama ps`
 * across boxes for the host switcher (Alt+H). Ollama hosts answer /api/tags + /api/ps through its
 * Backend adapter; the OpenAI-compatible ones their Backend's listModels()/loaded() (/v1/models, LM
 * Studio /api/v0/models, llama.cpp /slots).
 *
 * Refreshed only while the switcher is open (open() starts a timer, close() stops it): with nothing on
 * screen there is no timer and no request. One refresh per host in flight at a time.
 */
import type { Backend, BackendModel, LoadedModel } from '../backends/backend.js';
import { detectBackend, type Detected, type Detection } from '../backends/detect.js';
import { createOllamaClient } from '../backends/ollama/client.js';
import { defaultFetch, type FetchFn } from '../backends/ollama/fetch.js';
import { createOllamaBackend } from '../backends/ollama/ollamaBackend.js';
import { createOpenAiBackend } from '../backends/openai/openaiBackend.js';
import { publicHost, type HostSpec } from './hostList.js';
import type { HostEntry, HostModelRow, HostsState } from './hostsTypes.js';
import type { AppStore } from './store.js';

export const HOSTS_REFRESH_MS = 3000;

export interface HostsDeps {
  hosts: readonly HostSpec[];
  store: AppStore;
  /** Name of the host the session starts with (default: the first). */
  current?: string;
  fetch?: FetchFn;
  now?: () => number;
  refreshMs?: number;
  /** Detection and backends (tests replace them). */
  detect?: (url: string, opts: { apiKey?: string; forced?: HostSpec['backend'] }) => Promise<Detection>;
  backendFor?: (spec: HostSpec, detected: Detected) => Backend;
}

export function defaultBackendFor(fetchFn?: FetchFn): (spec: HostSpec, d: Detected) => Backend {
  return (spec, d) => {
    if (d.kind === 'ollama') return createOllamaBackend(createOllamaClient(spec.url, fetchFn ? { fetch: fetchFn } : {}));
    return createOpenAiBackend({ url: spec.url, kind: d.kind, ...(d.version ? { version: d.version } : {}), ...(spec.apiKey ? { apiKey: spec.apiKey } : {}), ...(fetchFn ? { fetch: fetchFn } : {}) });
  };
}

/** Rows for the switcher: the served models, each marked loaded when the server says so. */
export function modelRows(models: readonly BackendModel[], loaded: readonly LoadedModel[] | undefined): HostModelRow[] {
  const rows: HostModelRow[] = models.map((m) => {
    const l = loaded?.find((x) => x.name === m.name);
    const row: HostModelRow = { name: m.name };
    if (loaded !== undefined) row.loaded = l !== undefined;
    else if (m.loaded !== undefined) row.loaded = m.loaded;
    // /api/ps says memory in use; a listing's size is the file (Ollama /api/tags, llama.cpp meta.size)
    if (l?.size !== undefined) Object.assign(row, { size: l.size, sizeSource: 'memory' });
    else if (m.size !== undefined) Object.assign(row, { size: m.size, sizeSource: 'file' });
    if (l?.sizeVram !== undefined) row.sizeVram = l.sizeVram;
    const ctx = l?.contextLength ?? m.contextLength;
    if (ctx !== undefined) row.contextLength = ctx;
    if (m.quantization) row.quantization = m.quantization;
    if (m.parameterSize) row.parameterSize = m.parameterSize;
    return row;
  });
  // loaded but not listed (Ollama can run a model its /api/tags no longer lists)
  for (const l of loaded ?? []) {
    if (rows.some((r) => r.name === l.name)) continue;
    rows.push({ name: l.name, loaded: true, ...(l.size !== undefined ? { size: l.size, sizeSource: 'memory' as const } : {}), ...(l.sizeVram !== undefined ? { sizeVram: l.sizeVram } : {}) });
  }
  // loaded first, then as listed
  return rows.map((r, i) => [r, i] as const).sort((a, b) => Number(b[0].loaded === true) - Number(a[0].loaded === true) || a[1] - b[1]).map(([r]) => r);
}

export class HostsController {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<string>();
  private readonly detected = new Map<string, Detected>();
  private readonly backends = new Map<string, Backend>();
  private disposed = false;
  private readonly now: () => number;
  private readonly detect: NonNullable<HostsDeps['detect']>;
  private readonly backendFor: NonNullable<HostsDeps['backendFor']>;

  constructor(private readonly deps: HostsDeps) {
    this.now = deps.now ?? (() => performance.now());
    const fetchFn = deps.fetch;
    this.detect = deps.detect ?? ((url, o) => detectBackend(url, { fetch: fetchFn ?? defaultFetch(), ...(o.apiKey ? { apiKey: o.apiKey } : {}), ...(o.forced ? { forced: o.forced } : {}) }));
    this.backendFor = deps.backendFor ?? defaultBackendFor(fetchFn);
    const entries: HostEntry[] = deps.hosts.map((h) => ({ ...publicHost(h), source: h.source, health: 'unknown', models: [] }));
    this.deps.store.update({ hosts: { current: deps.current ?? deps.hosts[0]?.name ?? '', entries, open: false } });
  }

  private get state(): HostsState {
    return this.deps.store.getState().hosts ?? { current: '', entries: [], open: false };
  }

  private patchEntry(name: string, p: Partial<HostEntry>): void {
    const entries = this.state.entries.map((e) => {
      if (e.name !== name) return e;
      const next = { ...e, ...p };
      for (const key of Object.keys(p) as Array<keyof HostEntry>) if (p[key] === undefined) delete next[key];
      return next;
    });
    this.deps.store.update({ hosts: { ...this.state, entries } });
  }

  /** The host with its key (for the session's client); undefined for an unknown name. */
  spec(name: string): HostSpec | undefined {
    return this.deps.hosts.find((h) => h.name === name);
  }

  /** What detection found for a host (after a refresh). */
  detection(name: string): Detected | undefined {
    return this.detected.get(name);
  }

  /**
   * Detect a host now (a switch to a host the switcher never saw up); a success is kept, as a refresh
   * keeps it, so the next refresh lists its models through the right backend.
   */
  async detectNow(name: string): Promise<Detection> {
    const spec = this.spec(name);
    if (!spec) return { ok: false, baseUrl: '', reason: 'unknown', message: `There is no host named ${name}.` };
    const known = this.detected.get(name);
    if (known) return known;
    const found = await this.detect(spec.url, { ...(spec.apiKey ? { apiKey: spec.apiKey } : {}), ...(spec.backend ? { forced: spec.backend } : {}) });
    if (found.ok && !this.detected.has(name)) {
      this.detected.set(name, found);
      this.backends.set(name, this.backendFor(spec, found));
    }
    return found;
  }

  get timerRunning(): boolean {
    return this.timer !== undefined;
  }

  setCurrent(name: string): void {
    this.deps.store.update({ hosts: { ...this.state, current: name } });
    this.deps.store.flush();
  }

  open(): void {
    if (this.disposed) return;
    this.deps.store.update({ hosts: { ...this.state, open: true } });
    this.deps.store.flush();
    void this.refreshAll();
    if (this.timer) return;
    this.timer = setInterval(() => void this.refreshAll(), this.deps.refreshMs ?? HOSTS_REFRESH_MS);
    this.timer.unref?.();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.state.open) this.deps.store.update({ hosts: { ...this.state, open: false } });
  }

  async refreshAll(): Promise<void> {
    await Promise.all(this.deps.hosts.map((h) => this.refresh(h)));
    this.deps.store.flush();
  }

  /** Detect (once it succeeded, the answer is kept), then health and models. */
  async refresh(spec: HostSpec): Promise<void> {
    if (this.inFlight.has(spec.name) || this.disposed) return;
    this.inFlight.add(spec.name);
    const entry = this.state.entries.find((e) => e.name === spec.name);
    if (entry && entry.health === 'unknown') this.patchEntry(spec.name, { health: 'checking' });
    try {
      let d = this.detected.get(spec.name);
      if (!d) {
        const found = await this.detect(spec.url, { ...(spec.apiKey ? { apiKey: spec.apiKey } : {}), ...(spec.backend ? { forced: spec.backend } : {}) });
        if (!found.ok) {
          this.patchEntry(spec.name, { health: 'down', error: found.message, models: [], checkedAt: this.now() });
          return;
        }
        d = found;
        this.detected.set(spec.name, d);
        this.backends.set(spec.name, this.backendFor(spec, d));
      }
      const backend = this.backends.get(spec.name)!;
      const [models, loaded] = await Promise.allSettled([backend.listModels(), backend.loaded()]);
      if (models.status === 'rejected') {
        // gone (or a key problem): detect again next time
        this.detected.delete(spec.name);
        this.backends.delete(spec.name);
        const message = (models.reason as Error)?.message ?? String(models.reason);
        this.patchEntry(spec.name, { kind: d.kind, label: d.label, version: d.version, health: 'down', error: message, models: [], checkedAt: this.now() });
        return;
      }
      const loadedList = loaded.status === 'fulfilled' ? loaded.value : undefined;
      this.patchEntry(spec.name, {
        kind: d.kind,
        label: d.label,
        version: d.version,
        health: 'ok',
        error: undefined,
        models: modelRows(models.value, loadedList),
        servesOne: models.value.some((m) => m.servedExactlyOne === true) || undefined,
        loadedUnknown: loadedList === undefined && models.value.every((m) => m.loaded === undefined) ? true : undefined,
        checkedAt: this.now(),
      });
    } finally {
      this.inFlight.delete(spec.name);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.close();
  }
}
