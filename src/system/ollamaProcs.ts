/**
 * Resident memory of the Ollama server and runner processes on this machine (Linux procfs).
 * comm names: `ollama` (serve, and the runner for 0.5.2–0.29), `ollama_llama_se` (< 0.5.2, truncated),
 * `llama-server` (≥ 0.30). PIDs are cached; the /proc scan runs every `rescanMs` or when a cached PID vanishes.
 */
import { findPidsByComm, readVmRss } from './procfs.js';

export const OLLAMA_PROCESS_NAMES: ReadonlySet<string> = new Set(['ollama', 'ollama_llama_se', 'llama-server']);

export interface OllamaProcessTrackerOptions {
  procRoot?: string;
  rescanMs?: number;
  now?: () => number;
}

export class OllamaProcessTracker {
  private pids: number[] = [];
  private lastScanAt = Number.NEGATIVE_INFINITY;
  private readonly procRoot: string;
  private readonly rescanMs: number;
  private readonly now: () => number;
  /** How many /proc scans have run (for tests and the bench). */
  scans = 0;

  constructor(options: OllamaProcessTrackerOptions = {}) {
    this.procRoot = options.procRoot ?? '/proc';
    this.rescanMs = options.rescanMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  private rescan(): void {
    this.pids = findPidsByComm(OLLAMA_PROCESS_NAMES, this.procRoot);
    this.lastScanAt = this.now();
    this.scans++;
  }

  /** Sum of VmRSS over the Ollama processes, or null when none is visible. */
  totalRss(): number | null {
    if (this.now() - this.lastScanAt >= this.rescanMs) this.rescan();
    let sum = this.sumCached();
    if (sum === 'vanished') {
      this.rescan();
      sum = this.sumCached();
    }
    return typeof sum === 'number' ? sum : null;
  }

  private sumCached(): number | null | 'vanished' {
    if (this.pids.length === 0) return null;
    let total = 0;
    for (const pid of this.pids) {
      const rss = readVmRss(pid, this.procRoot);
      if (rss === null) return 'vanished';
      total += rss;
    }
    return total;
  }
}
