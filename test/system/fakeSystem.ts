/** Builders for fake /proc and /sys trees and a fake `nvidia-smi` on PATH (used by the system tests). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

export interface FakeProc {
  root: string;
  setStat(user: number, system: number, idle: number, iowait?: number): void;
  setMeminfo(kb: { total: number; free?: number; available?: number; swapTotal?: number; swapFree?: number }): void;
  addProcess(pid: number, comm: string, rssKb: number): void;
  removeProcess(pid: number): void;
}

export function makeFakeProc(): FakeProc {
  const root = tempDir('r1-proc-');
  return {
    root,
    setStat(user, system, idle, iowait = 0) {
      writeFile(
        path.join(root, 'stat'),
        `cpu  ${user} 0 ${system} ${idle} ${iowait} 0 0 0 0 0\ncpu0 ${user} 0 ${system} ${idle} ${iowait} 0 0 0 0 0\nintr 1 2 3\n`,
      );
    },
    setMeminfo({ total, free = 0, available, swapTotal = 0, swapFree = 0 }) {
      const lines = [`MemTotal:       ${total} kB`, `MemFree:        ${free} kB`];
      if (available !== undefined) lines.push(`MemAvailable:   ${available} kB`);
      lines.push('Buffers:         1000 kB', 'Cached:          2000 kB', `SwapTotal:      ${swapTotal} kB`, `SwapFree:       ${swapFree} kB`);
      writeFile(path.join(root, 'meminfo'), `${lines.join('\n')}\n`);
    },
    addProcess(pid, comm, rssKb) {
      writeFile(path.join(root, String(pid), 'comm'), `${comm}\n`);
      writeFile(
        path.join(root, String(pid), 'status'),
        `Name:\t${comm}\nState:\tS (sleeping)\nPPid:\t1\nVmPeak:\t  ${rssKb * 2} kB\nVmRSS:\t  ${rssKb} kB\nRssAnon:\t  ${rssKb} kB\n`,
      );
    },
    removeProcess(pid) {
      fs.rmSync(path.join(root, String(pid)), { recursive: true, force: true });
    },
  };
}

export function makeFakeAmdSys(cards: { card: string; used: number; total: number; busy?: number; product?: string }[]): string {
  const root = tempDir('r1-sys-');
  for (const c of cards) {
    const dev = path.join(root, 'class', 'drm', c.card, 'device');
    writeFile(path.join(dev, 'mem_info_vram_used'), `${c.used}\n`);
    writeFile(path.join(dev, 'mem_info_vram_total'), `${c.total}\n`);
    if (c.busy !== undefined) writeFile(path.join(dev, 'gpu_busy_percent'), `${c.busy}\n`);
    if (c.product) writeFile(path.join(dev, 'product_name'), `${c.product}\n`);
  }
  // a connector entry that must be ignored
  writeFile(path.join(root, 'class', 'drm', 'card0-DP-1', 'status'), 'connected\n');
  return root;
}

/**
 * A fake `nvidia-smi` in a temp dir. Modes (env FAKE_NVSMI_MODE):
 *  loop   – two GPUs every 50 ms, forever
 *  na     – one GPU with [N/A] memory, forever
 *  exit3  – three loops of one GPU, then exit 1
 *  silent – exit 9 at once with no output (no driver)
 * Every launch appends a line to $FAKE_NVSMI_LAUNCHES, and the args to $FAKE_NVSMI_ARGS.
 */
export function makeFakeNvidiaSmi(): { dir: string; env(mode: string): NodeJS.ProcessEnv; launches(): number; args(): string } {
  const dir = tempDir('r1-nvsmi-');
  const launches = path.join(dir, 'launches');
  const argsFile = path.join(dir, 'args');
  const script = `#!/bin/sh
echo launch >> "$FAKE_NVSMI_LAUNCHES"
echo "$@" > "$FAKE_NVSMI_ARGS"
case "$FAKE_NVSMI_MODE" in
  loop) while true; do
      echo "0, NVIDIA GeForce RTX 3070, 7800, 8192, 87"
      echo "1, NVIDIA RTX A2000, 0, 6138, 0"
      sleep 0.05
    done ;;
  na) while true; do echo "0, NVIDIA GB10, [N/A], [N/A], 12"; sleep 0.05; done ;;
  exit3) for i in 1 2 3; do echo "0, NVIDIA T4, 100, 15360, 5"; sleep 0.02; done; exit 1 ;;
  silent) echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." >&2; exit 9 ;;
esac
`;
  writeFile(path.join(dir, 'bin', 'nvidia-smi'), script);
  fs.chmodSync(path.join(dir, 'bin', 'nvidia-smi'), 0o755);
  return {
    dir,
    env: (mode) => ({
      ...process.env,
      PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      FAKE_NVSMI_MODE: mode,
      FAKE_NVSMI_LAUNCHES: launches,
      FAKE_NVSMI_ARGS: argsFile,
    }),
    launches: () => (fs.existsSync(launches) ? fs.readFileSync(launches, 'utf8').split('\n').filter(Boolean).length : 0),
    args: () => (fs.existsSync(argsFile) ? fs.readFileSync(argsFile, 'utf8').trim() : ''),
  };
}

export async function waitUntil(pred: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
