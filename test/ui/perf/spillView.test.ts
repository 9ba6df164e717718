import { describe, expect, it } from 'vitest';
import { detailRows } from '../../../src/ui/models/ModelDetailRows.js';
import { perfBodyRows } from '../../../src/ui/perf/perfView.js';
import { rowText } from '../../../src/ui/common/row.js';
import { spillDetailLines, spillFor } from '../../../src/ui/perf/spillView.js';
import { CLOCK, PS_FULL_GPU, PS_SPLIT, SYSTEM_REMOTE, doneState } from '../fixtures.js';

const GiB = 2 ** 30;
const shape = { blockCount: 64, embeddingLength: 5120, headCount: 40, headCountKv: 8, contextLength: 131_072 };
const tag = { name: 'deepseek-r1:32b', model: 'deepseek-r1:32b', size: 19.85e9, digest: 'x', details: { parameter_size: '32.8B', quantization_level: 'Q4_K_M' } };

function spilling() {
  const s = doneState();
  s.model = { ...s.model, installed: [tag], facts: { 'deepseek-r1:32b': { capabilities: ['completion', 'thinking'], shape } } };
  return s;
}

describe('spill advice rows', () => {
  it('the panel has a spill line for a split model and none for one that fits', () => {
    const rows = perfBodyRows(spilling(), 60, 0, CLOCK).map((r) => rowText(r.row).trimEnd());
    expect(rows).toContain('spills 48% to CPU · Ctrl+P Tab');
    const fits = spilling();
    fits.placement = { models: [{ ...PS_SPLIT, size_vram: PS_SPLIT.size }], fetchedAt: 1 };
    expect(perfBodyRows(fits, 60, 0, CLOCK).map((r) => rowText(r.row))).not.toContainEqual(expect.stringMatching(/spills/));
    expect(PS_FULL_GPU.size).toBe(PS_FULL_GPU.size_vram);
  });

  it('the picker detail (Tab) lists the options with estimated splits, labelled as estimates', () => {
    const s = spilling();
    const lines = detailRows(s, tag, 76).map((r) => r.body.trimEnd());
    const at = lines.findIndex((l) => l.startsWith('Spills to the CPU (48%/52% CPU/GPU)'));
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at, at + 2).join(" ")).toMatch(/VRAM \(estimates\):/);
    expect(lines.slice(at).join('\n')).toMatch(/num_ctx 2,048 \(−0\.5 GiB KV cache\) → est\. \d+%\/\d+% CPU\/GPU/);
    expect(lines.slice(at).join('\n')).toMatch(/OLLAMA_KV_CACHE_TYPE=q8_0/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(76);
  });

  it('a remote server: no free-VRAM figures, the advice still comes from /api/ps', () => {
    const s = spilling();
    s.system = SYSTEM_REMOTE;
    const advice = spillFor(s)!;
    expect(advice.options.some((o) => o.kind === 'num_gpu')).toBe(false);
    expect(spillDetailLines(advice, 40).every((l) => l.length <= 40)).toBe(true);
    expect(GiB).toBeGreaterThan(0);
  });
});
