import { describe, expect, it } from 'vitest';
import { processorLabel } from '../../src/core/processorLabel.js';

describe('processorLabel', () => {
  it('follows the ollama ps rules in order', () => {
    expect(processorLabel(20e9, 0)).toBe('100% CPU');
    expect(processorLabel(0, 0)).toBe('100% CPU'); // rule 1 before rule 3
    expect(processorLabel(20e9, 20e9)).toBe('100% GPU');
    expect(processorLabel(20e9, 21e9)).toBe('Unknown');
    expect(processorLabel(0, 5)).toBe('Unknown');
    expect(processorLabel(20e9, 10.4e9)).toBe('48%/52% CPU/GPU');
    expect(processorLabel(21943566336, 11401775104)).toBe('48%/52% CPU/GPU');
  });

  it('rounds the CPU share half away from zero', () => {
    expect(processorLabel(1000, 995)).toBe('1%/99% CPU/GPU'); // cpu 0.5% → 1
    expect(processorLabel(1000, 996)).toBe('0%/100% CPU/GPU'); // 0.4% → 0 (no exact equality)
    expect(processorLabel(1000, 5)).toBe('100%/0% CPU/GPU'); // 99.5% → 100
    expect(processorLabel(1000, 6)).toBe('99%/1% CPU/GPU'); // 99.4% → 99
    expect(processorLabel(200, 1)).toBe('100%/0% CPU/GPU');
    expect(processorLabel(3, 1)).toBe('67%/33% CPU/GPU');
    expect(processorLabel(3, 2)).toBe('33%/67% CPU/GPU');
  });
});
