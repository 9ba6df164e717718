/** The one busy test (shell keys, conversation actions, the compare bench's refusal all ask it). */
import { describe, expect, it } from 'vitest';
import { isBusy } from '../../src/session/busy.js';
import type { Turn } from '../../src/session/types.js';

const turn = (status: Turn['status']) => ({ status }) as Turn;

describe('isBusy', () => {
  it('is busy while a phase runs or the last turn still streams, idle otherwise', () => {
    expect(isBusy({ phase: 'idle', turns: [] })).toBe(false);
    expect(isBusy({ phase: 'idle', turns: [turn('streaming'), turn('done')] })).toBe(false);
    expect(isBusy({ phase: 'loading', turns: [] })).toBe(true);
    expect(isBusy({ phase: 'answering', turns: [turn('done')] })).toBe(true);
    expect(isBusy({ phase: 'idle', turns: [turn('done'), turn('streaming')] })).toBe(true);
  });
});
