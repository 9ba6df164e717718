import { findModel } from './models.js';
import { FOREVER_MS, nowPrecise } from './time.js';
import type { FakeModel } from './types.js';

export interface LoadedModel {
  model: FakeModel;
  numCtx: number;
  /** Epoch ms when it will be unloaded (recomputed when it goes idle). */
  expiresAt: number;
  /** Requests running on it right now (it is never expired while busy). */
  busy: number;
  /** Tie-breaker for equal expiry times: later activity first. */
  touched: number;
  /** Epoch ms when the (simulated) load completes. */
  readyAt: number;
  /** `num_gpu` it was loaded with (-1 = automatic placement). */
  numGpu: number;
  /** The messages (JSON) of the last prompt it processed: the simulated prompt cache. */
  cachedMessages?: string[];
}

/** Layers (and bytes) on the GPU: the model's own placement, or what an explicit num_gpu asks for. */
export function vramOf(entry: LoadedModel): number {
  const m = entry.model;
  if (entry.numGpu < 0) return m.loadedVram;
  if (entry.numGpu === 0) return 0;
  const layers = m.blockCount + 1;
  if (entry.numGpu >= layers) return m.loadedSize;
  return Math.round((m.loadedSize * entry.numGpu) / layers);
}

export const DEFAULT_NUM_CTX = 4096;

/** Load-time options of a request (`options.num_ctx`, `options.num_gpu`). */
export interface LoadOptions {
  numCtx?: number;
  numGpu?: number;
}

/** Installed and loaded models of one fake server. */
export class ModelState {
  installed: FakeModel[];
  /** modified_at of models pulled while the server runs (epoch ms); the catalog has fixed dates. */
  pulledAt = new Map<string, number>();
  private loadedModels = new Map<string, LoadedModel>();
  private seq = 0;

  constructor(models: FakeModel[]) {
    this.installed = models.map((m) => ({ ...m }));
  }

  find(name: string): FakeModel | undefined {
    return findModel(this.installed, name);
  }

  /** Loaded entry of a model, if it is loaded and not expired. */
  get(name: string, now = nowPrecise()): LoadedModel | undefined {
    this.prune(now);
    return this.loadedModels.get(name);
  }

  /**
   * Mark loaded and busy; during the first load ps reports now + keep_alive. Returns whether this
   * request loads the model, and how long it must wait for a load (its own or one in progress).
   */
  begin(model: FakeModel, load: LoadOptions, keepAliveMs: number, loadMs = 0, now = nowPrecise()): { cold: boolean; waitMs: number } {
    const entry = this.get(model.name, now);
    const ctx = load.numCtx ?? entry?.numCtx ?? DEFAULT_NUM_CTX;
    // num_gpu -1 (automatic) never forces a reload; any other change of a load-time option does
    const gpu = load.numGpu === undefined || load.numGpu < 0 ? (entry?.numGpu ?? -1) : load.numGpu;
    if (!entry || entry.numCtx !== ctx || entry.numGpu !== gpu) {
      const busy = entry ? entry.busy + 1 : 1; // a reload keeps requests already running on it
      this.loadedModels.set(model.name, {
        model, numCtx: ctx, numGpu: gpu, expiresAt: expiry(now, keepAliveMs), busy, touched: ++this.seq, readyAt: now + loadMs,
      });
      return { cold: true, waitMs: loadMs };
    }
    entry.busy++;
    entry.touched = ++this.seq;
    entry.model = model;
    return { cold: false, waitMs: Math.max(0, entry.readyAt - now) };
  }

  /** The request finished: idle from now, unloaded at once when keep_alive is 0. */
  end(name: string, keepAliveMs: number, now = nowPrecise()): void {
    const entry = this.loadedModels.get(name);
    if (!entry) return;
    entry.busy = Math.max(0, entry.busy - 1);
    if (entry.busy > 0) return;
    if (keepAliveMs === 0) {
      this.loadedModels.delete(name);
      return;
    }
    entry.expiresAt = expiry(now, keepAliveMs);
    entry.touched = ++this.seq;
  }

  /** Add a model as pulled now (it becomes the newest in /api/tags). */
  addPulled(model: FakeModel, now = nowPrecise()): void {
    this.installed = [...this.installed.filter((m) => m.name !== model.name), { ...model }];
    this.pulledAt.set(model.name, now);
  }

  unload(name: string): void {
    this.loadedModels.delete(name);
  }

  /** Loaded models, latest expiry first. */
  list(now = nowPrecise()): LoadedModel[] {
    this.prune(now);
    return [...this.loadedModels.values()].sort((a, b) => b.expiresAt - a.expiresAt || b.touched - a.touched);
  }

  /** Keep placements in sync when tests replace the catalog. */
  replaceCatalog(models: FakeModel[]): void {
    this.installed = models.map((m) => ({ ...m }));
    for (const [name, entry] of this.loadedModels) {
      const updated = findModel(this.installed, name);
      if (updated) entry.model = updated;
      else this.loadedModels.delete(name);
    }
  }

  private prune(now: number): void {
    for (const [name, entry] of this.loadedModels) {
      if (entry.busy === 0 && entry.expiresAt <= now) this.loadedModels.delete(name);
    }
  }
}

function expiry(now: number, keepAliveMs: number): number {
  return keepAliveMs < 0 ? now + FOREVER_MS : now + keepAliveMs;
}
