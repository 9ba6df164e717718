import { describe, expect, it } from 'vitest';
import { filterModels, fitShortLabel, movePicker } from '../../../src/ui/models/modelPicker.js';

describe('model picker helpers', () => {
  const model = (name: string, size: number) => ({ name, model: name, size, digest: name, details: {} });
  const system = (gpuFree: number, ramFree: number) => ({
    at: 0,
    cpuPercent: 10,
    memTotal: 64e9,
    memUsed: 64e9 - ramFree,
    swapTotal: 0,
    swapUsed: 0,
    ollamaRss: null,
    gpus: gpuFree > 0 ? [{ name: 'gpu', usedBytes: 0, totalBytes: gpuFree, utilPercent: 0 }] : [],
  });

  it('filters by every word and wraps the selection', () => {
    const list = [model('deepseek-r1:32b', 1), model('qwen3:8b', 1), model('deepseek-r1:70b', 1)];
    expect(filterModels(list, 'deep 70').map((m) => m.name)).toEqual(['deepseek-r1:70b']);
    expect(movePicker({ filter: '', index: 0 }, -1, 3).index).toBe(2);
  });

  it('labels the memory fit', () => {
    expect(fitShortLabel(model('a', 4e9), system(8e9, 32e9))).toBe('fits GPU');
    expect(fitShortLabel(model('a', 35e9), system(8e9, 40e9))).toMatch(/^\d+%\/\d+% CPU\/GPU$/);
    expect(fitShortLabel(model('a', 20e9), system(0, 40e9))).toBe('CPU only');
    expect(fitShortLabel(model('a', 200e9), system(8e9, 40e9))).toBe('too big');
    expect(fitShortLabel(model('a', 4e9), null)).toBeUndefined();
  });
});
