import { describe, expect, it } from 'vitest';
import { markInputRenders } from '../../src/terminal/inputUrgency.js';

describe('markInputRenders', () => {
  it('marks the time Ink read input; reading nothing leaves the mark alone; undo restores read', () => {
    const queue: Array<string | null> = ['a', null];
    const stdin = { read: (): string | null => queue.shift() ?? null };
    let clock = 1000;
    const undo = markInputRenders(stdin, () => clock);
    expect(globalThis.__r1InputAt).toBeUndefined();
    expect(stdin.read()).toBe('a');
    expect(globalThis.__r1InputAt).toBe(1000);
    globalThis.__r1InputAt = undefined; // the patched renderer consumed it
    clock = 2000;
    expect(stdin.read()).toBeNull();
    expect(globalThis.__r1InputAt).toBeUndefined();
    undo();
    queue.push('b');
    expect(stdin.read()).toBe('b');
    expect(globalThis.__r1InputAt).toBeUndefined();
  });
});
