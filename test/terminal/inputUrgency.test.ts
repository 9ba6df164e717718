import { describe, expect, it } from 'vitest';
import { INPUT_RENDER_WINDOW_MS, markInputRenders } from '../../src/terminal/inputUrgency.js';

describe('markInputRenders', () => {
  it('the first frame soon after input is urgent, once; reading nothing marks nothing; dispose restores read', () => {
    const queue: Array<string | null> = ['a', null];
    const stdin = { read: (): string | null => queue.shift() ?? null };
    let clock = 1000;
    const urgency = markInputRenders(stdin, () => clock);
    expect(urgency.takeUrgent()).toBe(false);
    expect(stdin.read()).toBe('a');
    clock += 10;
    expect(urgency.takeUrgent()).toBe(true);
    expect(urgency.takeUrgent()).toBe(false);
    expect(stdin.read()).toBeNull();
    expect(urgency.takeUrgent()).toBe(false);
    queue.push('b');
    stdin.read();
    clock += INPUT_RENDER_WINDOW_MS;
    expect(urgency.takeUrgent(), 'too long after the key').toBe(false);
    urgency.dispose();
    queue.push('c');
    expect(stdin.read()).toBe('c');
    expect(urgency.takeUrgent()).toBe(false);
  });

  it('onInput is told of every read that returned input (the sampler is poked from here), not of empty reads', () => {
    const queue: Array<string | null> = ['a', null, '', 'bc'];
    const stdin = { read: (): string | null => queue.shift() ?? null };
    let pokes = 0;
    markInputRenders(stdin, () => 0, () => pokes++);
    for (let i = 0; i < 5; i++) stdin.read();
    expect(pokes).toBe(2);
  });
});
