/**
 * Doctor checks of the machine r1-tui runs on: GPU (one nvidia-smi query, else amdgpu sysfs; Apple
 * Silicon: unified memory), RAM (/proc/meminfo, else the `os` figures), and whether the data and config
 * directories are writable.
 * GPU and RAM describe the Ollama box only when Ollama runs here; for a remote host they are skipped.
 */
import { findAmdCards, readAmdCard } from '../system/amdgpu.js';
import { hasUnifiedMemory } from '../system/platform.js';
import { readMeminfo } from '../system/procfs.js';
import { gib } from '../core/humanBytes.js';
import { configDir, dataDir } from '../system/paths.js';
import { dirState } from './dirs.js';
import { check, type Check } from './doctorTypes.js';
import type { CommandContext } from './io.js';

export const NVIDIA_QUERY_ARGS = [
  '--query-gpu=name,memory.total,memory.used,driver_version',
  '--format=csv,noheader,nounits',
] as const;

const MIB = 1024 * 1024;

export interface NvidiaGpu {
  name: string;
  totalBytes: number | null;
  usedBytes: number | null;
  driver: string;
}

function mib(field: string | undefined): number | null {
  const n = Number((field ?? '').trim());
  return field !== undefined && /^\s*[\d.]+\s*$/.test(field) && Number.isFinite(n) ? n * MIB : null;
}

/** Lines of `name, memory.total, memory.used, driver_version` (MiB); a name with commas is rejoined. */
export function parseNvidiaQuery(text: string): NvidiaGpu[] {
  const gpus: NvidiaGpu[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length < 4) continue;
    const [total, used, driver] = fields.slice(-3);
    gpus.push({ name: fields.slice(0, -3).join(', '), totalBytes: mib(total), usedBytes: mib(used), driver: driver ?? '' });
  }
  return gpus;
}

function vramText(used: number | null, total: number | null): string {
  if (total === null) return 'VRAM unknown';
  return used === null ? `${gib(total)} GiB VRAM` : `${gib(total)} GiB VRAM (${gib(used)} GiB used)`;
}

export async function gpuCheck(ctx: CommandContext, remote: boolean): Promise<Check> {
  if (remote) return check('gpu', 'info', 'GPU: remote host: not checked (Ollama runs on another machine).');
  if (hasUnifiedMemory(ctx.platform, ctx.arch)) {
    return check('gpu', 'pass', `GPU: Apple Silicon, unified memory: the GPU (Metal) shares the ${gib(ctx.os.totalmem())} GiB of RAM; no separate VRAM.`);
  }
  if (ctx.platform === 'darwin') {
    return check(
      'gpu',
      'info',
      'GPU: Intel Mac: GPU memory is not measured (no nvidia-smi or amdgpu on macOS).',
      '`ollama ps` shows whether a loaded model runs on the GPU or the CPU.',
    );
  }
  const smi = await ctx.exec('nvidia-smi', NVIDIA_QUERY_ARGS);
  if (smi.code === 0) {
    const gpus = parseNvidiaQuery(smi.stdout);
    if (gpus.length > 0) {
      const list = gpus.map((g) => `${g.name}, ${vramText(g.usedBytes, g.totalBytes)}`).join('; ');
      return check('gpu', 'pass', `GPU: NVIDIA ${list}; driver ${gpus[0]!.driver} (nvidia-smi found).`);
    }
  }
  const cards = ctx.platform === 'linux' ? findAmdCards(ctx.sysRoot) : [];
  if (cards.length > 0) {
    const list = cards.map((c) => {
      const s = readAmdCard(c);
      return `${s.name}, ${vramText(s.usedBytes, s.totalBytes)}`;
    });
    return check('gpu', 'pass', `GPU: AMD ${list.join('; ')} (amdgpu sysfs).`);
  }
  if (smi.code !== 0 && smi.error === undefined) {
    const why = (smi.stderr || smi.stdout).trim().split('\n')[0] ?? '';
    return check(
      'gpu',
      'warn',
      `GPU: nvidia-smi is installed but failed${why ? `: ${why}` : ''}.`,
      'Check the NVIDIA driver (reboot after a driver update; `nvidia-smi` must work for Ollama to use the GPU).',
    );
  }
  if (ctx.platform !== 'linux') {
    return check(
      'gpu',
      'info',
      'GPU: no NVIDIA GPU found (no nvidia-smi); AMD and Intel GPUs are not measured on this OS.',
      'With an NVIDIA card install the driver (it brings nvidia-smi); `ollama ps` shows whether a loaded model runs on the GPU.',
    );
  }
  return check(
    'gpu',
    'warn',
    'GPU: none found (no nvidia-smi, no amdgpu); models run on the CPU only.',
    'With an NVIDIA card install the driver (it brings nvidia-smi); CPU-only works but is slow for large models.',
  );
}

const LOW_RAM_BYTES = 4 * 2 ** 30;

export function ramCheck(ctx: CommandContext, remote: boolean): Check {
  if (remote) return check('ram', 'info', 'RAM: remote host: not checked.');
  const mem = ctx.platform === 'linux' ? readMeminfo(ctx.procRoot) : undefined;
  const total = mem?.memTotal ?? ctx.os.totalmem();
  if (ctx.platform === 'darwin') {
    // macOS gives Node its free pages only: the file cache it would hand back counts as used, so a low
    // figure here is no reason to warn.
    return check('ram', 'pass', `RAM: ${gib(total)} GiB, ${gib(ctx.os.freemem())} GiB in free pages (macOS also reuses its file cache, so more is usable).`);
  }
  const available = mem?.memAvailable ?? ctx.os.freemem();
  const swap = mem && mem.swapTotal > 0 ? `, swap ${gib(mem.swapTotal - mem.swapFree)}/${gib(mem.swapTotal)} GiB used` : '';
  const message = `RAM: ${gib(available)} GiB available of ${gib(total)} GiB${swap}.`;
  if (available < LOW_RAM_BYTES) {
    return check('ram', 'warn', message, 'Little free memory: close other programs, or use a smaller model.');
  }
  return check('ram', 'pass', message);
}

function dirCheck(id: string, label: string, dir: string): Check {
  const state = dirState(dir);
  switch (state.kind) {
    case 'writable':
      return check(id, 'pass', `${label} ${dir} is writable.`);
    case 'creatable':
      return check(id, 'pass', `${label} ${dir} will be created (${state.parent} is writable).`);
    case 'not-a-directory':
      return check(id, 'fail', `${label} ${dir}: ${state.at} is not a directory.`, `Move ${state.at} away.`);
    case 'not-writable':
      return check(id, 'fail', `${label} ${dir}: ${state.at} is not writable.`, `Fix its permissions (chown/chmod ${state.at}).`);
  }
}

export function dirChecks(ctx: CommandContext): Check[] {
  return [
    dirCheck('dirs.data', 'Data dir', dataDir(ctx.env)),
    dirCheck('dirs.config', 'Config dir', configDir(ctx.env)),
  ];
}
