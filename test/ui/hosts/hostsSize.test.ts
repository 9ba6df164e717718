/**
 * The switcher's size means one thing per label: Ollama's /api/ps size (memory in use, with the CPU/GPU
 * split) plain, a model file's size (Ollama /api/tags for a model not loaded, llama.cpp meta.size) `file`.
 */
import { describe, expect, it } from 'vitest';
import { modelRows } from '../../../src/session/hostsController.js';
import { modelFacts } from '../../../src/ui/hosts/hostsRows.js';

const GB = 1e9;

describe('host switcher sizes', () => {
  it('Ollama: memory from /api/ps for a loaded model, the file size for the others (marked)', () => {
    const rows = modelRows(
      [
        { name: 'deepseek-r1:32b', size: 19.9 * GB, quantization: 'Q4_K_M' },
        { name: 'deepseek-r1:8b', size: 5.2 * GB, quantization: 'Q4_K_M' },
      ],
      [{ name: 'deepseek-r1:32b', size: 22 * GB, sizeVram: 22 * GB, contextLength: 4096 }],
    );
    expect(rows.map(modelFacts)).toEqual(['loaded · 22 GB · 100% GPU · Q4_K_M · ctx 4096', '5.2 GB file · Q4_K_M']);
  });

  it('llama.cpp: its loaded model with the file size marked file, not as memory in use', () => {
    const rows = modelRows([{ name: 'DeepSeek-R1-Q4_K_M.gguf', size: 34 * GB, contextLength: 32768 }], [{ name: 'DeepSeek-R1-Q4_K_M.gguf', contextLength: 32768, slots: { total: 2, busy: 0 } }]);
    expect(rows.map(modelFacts)).toEqual(['loaded · 34 GB file · ctx 32768']);
  });
});
