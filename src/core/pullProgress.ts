/**
 * `/api/pull` progress as a pure reducer: each progress line updates per-layer byte counts; views give
 * bytes done/total, percent, speed (average since the layer's first line) and ETA.
 */

export interface PullLine {
  status: string;
  digest?: string;
  total?: number;
  completed?: number;
}

export interface PullLayer {
  /** Digest without the `sha256:` prefix. */
  digest: string;
  total: number;
  completed: number;
  /** ms timestamps of the first and latest line for this layer, and bytes at the first line. */
  firstAt: number;
  firstCompleted: number;
  lastAt: number;
}

export interface PullProgressState {
  /** The latest status without a digest ("pulling manifest", "verifying sha256 digest", "success"). */
  status: string;
  layers: PullLayer[];
  startedAt: number;
  success: boolean;
}

export function startPull(at: number): PullProgressState {
  return { status: 'starting', layers: [], startedAt: at, success: false };
}

/** Apply one progress line received at `at` (ms). Returns a new state; the input is not changed. */
export function reducePull(state: PullProgressState, line: PullLine, at: number): PullProgressState {
  if (!line.digest) {
    return { ...state, status: line.status, success: state.success || line.status === 'success' };
  }
  const digest = line.digest.replace(/^sha256:/, '');
  const layers = [...state.layers];
  const i = layers.findIndex((l) => l.digest === digest);
  const completed = Math.max(0, line.completed ?? 0);
  if (i < 0) {
    layers.push({ digest, total: Math.max(0, line.total ?? 0), completed, firstAt: at, firstCompleted: completed, lastAt: at });
  } else {
    const prev = layers[i]!;
    layers[i] = { ...prev, total: line.total ?? prev.total, completed: Math.max(prev.completed, completed), lastAt: at };
  }
  return { ...state, status: line.status, layers };
}

export interface PullLayerView {
  /** First 12 hex digits of the digest, as `ollama pull` prints them. */
  id: string;
  completed: number;
  total: number;
  /** 0-100, floor (100 only when complete). */
  percent: number;
  /** bytes/s, undefined until two lines with progress. */
  bytesPerSecond?: number;
  /** ms left at the current speed, undefined when unknown or complete. */
  etaMs?: number;
  done: boolean;
}

export function layerView(layer: PullLayer): PullLayerView {
  const done = layer.total > 0 && layer.completed >= layer.total;
  const percent = layer.total > 0 ? (done ? 100 : Math.floor((layer.completed / layer.total) * 100)) : 0;
  const view: PullLayerView = { id: layer.digest.slice(0, 12), completed: layer.completed, total: layer.total, percent, done };
  const elapsed = layer.lastAt - layer.firstAt;
  const moved = layer.completed - layer.firstCompleted;
  if (elapsed > 0 && moved > 0) {
    view.bytesPerSecond = (moved / elapsed) * 1000;
    if (!done) view.etaMs = ((layer.total - layer.completed) / view.bytesPerSecond) * 1000;
  }
  return view;
}

/** Totals over all layers (bytes done / total, percent). */
export function pullTotals(state: PullProgressState): { completed: number; total: number; percent: number } {
  const total = state.layers.reduce((s, l) => s + l.total, 0);
  const completed = state.layers.reduce((s, l) => s + Math.min(l.completed, l.total), 0);
  return { completed, total, percent: total > 0 ? Math.floor((completed / total) * 100) : 0 };
}

/** A pull error as a sentence the user can act on. */
export function pullErrorSentence(name: string, message: string): string {
  if (/file does not exist|manifest unknown|not found/i.test(message)) {
    return `There is no model called ${name} in the registry. Check the name on ollama.com/library.`;
  }
  if (/invalid/i.test(message)) return `${name} is not a valid model name (e.g. deepseek-r1:8b).`;
  if (/unreachable|ECONNREFUSED|fetch failed|network|dial tcp|timeout/i.test(message)) {
    return `The pull of ${name} failed on the network: ${message}. Check the connection and try again.`;
  }
  return `The pull of ${name} failed: ${message}`;
}
