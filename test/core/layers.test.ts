import { describe, expect, it } from 'vitest';
import { estimateGpuLayers } from '../../src/core/layers.js';

describe('estimateGpuLayers', () => {
  it('uses block_count + 1 layers', () => {
    expect(estimateGpuLayers(100, 100, 64)).toEqual({ gpu: 65, total: 65 });
    expect(estimateGpuLayers(100, 0, 64)).toEqual({ gpu: 0, total: 65 });
  });
  it('scales by the VRAM share and rounds', () => {
    expect(estimateGpuLayers(20e9, 10.4e9, 64)).toEqual({ gpu: 34, total: 65 }); // 33.8
    expect(estimateGpuLayers(36e9, 7.6e9, 64)).toEqual({ gpu: 14, total: 65 }); // 13.72
    expect(estimateGpuLayers(1000, 1, 64)).toEqual({ gpu: 0, total: 65 });
    expect(estimateGpuLayers(1000, 999, 64)).toEqual({ gpu: 65, total: 65 });
  });
  it('gives up on impossible input', () => {
    expect(estimateGpuLayers(100, 200, 64)).toBeUndefined();
    expect(estimateGpuLayers(100, 50, 0)).toBeUndefined();
    expect(estimateGpuLayers(0, 0, 64)).toEqual({ gpu: 0, total: 65 });
  });
});
