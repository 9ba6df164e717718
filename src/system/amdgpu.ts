/**
 * AMD VRAM from amdgpu sysfs (Linux, no tool, no spawn): /sys/class/drm/cardN/device/mem_info_vram_used,
 * mem_info_vram_total (bytes) and gpu_busy_percent. Cards are found once; each read is a tiny sysfs read.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GpuSample } from './sampleTypes.js';

export interface AmdCard {
  name: string;
  deviceDir: string;
}

function readTrimmed(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function readNumber(file: string): number | null {
  const text = readTrimmed(file);
  if (text === undefined || text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Cards that expose amdgpu VRAM counters (connector entries like card0-DP-1 are skipped). */
export function findAmdCards(sysRoot = '/sys'): AmdCard[] {
  const drm = path.join(sysRoot, 'class', 'drm');
  let entries: string[];
  try {
    entries = fs.readdirSync(drm);
  } catch {
    return [];
  }
  const cards: AmdCard[] = [];
  for (const entry of entries.filter((e) => /^card\d+$/.test(e)).sort()) {
    const deviceDir = path.join(drm, entry, 'device');
    if (readNumber(path.join(deviceDir, 'mem_info_vram_total')) === null) continue;
    const product = readTrimmed(path.join(deviceDir, 'product_name'));
    cards.push({ name: product || `AMD GPU (${entry})`, deviceDir });
  }
  return cards;
}

export function readAmdCard(card: AmdCard): GpuSample {
  return {
    name: card.name,
    usedBytes: readNumber(path.join(card.deviceDir, 'mem_info_vram_used')),
    totalBytes: readNumber(path.join(card.deviceDir, 'mem_info_vram_total')),
    utilPercent: readNumber(path.join(card.deviceDir, 'gpu_busy_percent')),
  };
}
