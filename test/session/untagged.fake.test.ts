import { describe, expect, it } from 'vitest';
import { scriptFromText } from '../fake-ollama/index.js';
import { fakeSessions, lastTurn, turnEnded } from './helpers.js';

const sessions = fakeSessions();

const THINKING = 'Okay, the user asks for the capital. Let me recall it.';
const ANSWER = 'Paris is the capital of France.';

describe('an old server streaming R1 reasoning with no opening <think>', () => {
  it('shows the reply as reasoning until </think>, never as the answer first', async () => {
    // 40 tok/s: the answer streams for longer than one store flush, so its phase is seen (notifications are coalesced)
    const h = await sessions.start(
      { version: '0.6.2', thinkingStyle: 'tags-no-open', tokensPerSecond: 40, script: () => scriptFromText(THINKING, ANSWER, 40) },
      {},
      'deepseek-r1:8b',
    );
    const phases: string[] = [];
    const answersBeforeClose: string[] = [];
    h.store.subscribe(() => {
      const t = h.state().turns.at(-1);
      phases.push(h.state().phase);
      if (t && t.thinking.trim() !== '' && t.thinking.trim() !== THINKING) answersBeforeClose.push(t.answer);
    });
    h.session.actions.send('What is the capital of France?');
    await turnEnded(h);
    const t = lastTurn(h);
    expect(t.thinking.trim()).toBe(THINKING);
    expect(t.answer).toBe(ANSWER);
    expect(answersBeforeClose.every((a) => a === '')).toBe(true);
    expect(phases.indexOf('thinking')).toBeGreaterThanOrEqual(0);
    expect(phases.indexOf('thinking')).toBeLessThan(phases.indexOf('answering'));
  });

  it('a reply that ends without </think> was the answer after all, and the notice says so', async () => {
    const h = await sessions.start({ version: '0.6.2', thinkingStyle: 'none', tokensPerSecond: 400, script: () => scriptFromText(THINKING, ANSWER, 400) }, {}, 'deepseek-r1:8b');
    h.session.actions.send('What is the capital of France?');
    await turnEnded(h);
    const t = lastTurn(h);
    expect(t.thinking).toBe('');
    expect(t.answer).toContain(ANSWER);
    expect(t.thinkingTokens).toBe(0);
    expect(t.answerTokens).toBeGreaterThan(3);
    expect(h.state().notice?.text).toMatch(/had no <\/think>: what streamed as reasoning was the answer after all/);
  });
});
