import { describe, expect, it } from 'vitest';
import { scriptFromText } from '../fake-ollama/index.js';
import { memoryWaitStore } from '../../src/session/waitTurn.js';
import { fakeSessions, lastTurn, turnEnded, waitFor } from './helpers.js';

const sessions = fakeSessions();

const THINKING = 'Let me think this through step by step, weighing the options one at a time. '.repeat(12);
const ANSWER = 'Here is the answer, with the reasons laid out in order so the user can follow them. '.repeat(6);
const question = (n: number) => `Question ${n}: ` + 'please explain the trade-offs in detail. '.repeat(40);

describe('context window and waits against the fake', () => {
  it('records the prompt estimate, warns before sending when num_ctx 2048 will not fit, and tells when Ollama cut', async () => {
    const h = await sessions.start(
      { tokensPerSecond: 2000, promptTokensPerSecond: 20_000, script: () => scriptFromText(THINKING, ANSWER, 2000) },
      { chatOptions: () => ({ num_ctx: 2048 }) },
      'deepseek-r1:8b',
    );
    const notices: string[] = [];
    h.store.subscribe(() => {
      const n = h.state().notice?.text;
      if (n && notices.at(-1) !== n) notices.push(n);
    });
    for (let i = 1; i <= 5; i++) {
      h.session.actions.send(question(i));
      await turnEnded(h);
      expect(lastTurn(h).status).toBe('done');
    }
    const turns = h.state().turns;
    // the estimate tracks Ollama's count while nothing is cut (calibrated after the first turn)
    const second = turns[1]!;
    expect(Math.abs(second.context!.promptEstimate - second.metrics!.promptEvalCount!)).toBeLessThan(second.metrics!.promptEvalCount! * 0.1);
    expect(notices.some((n) => /^Won't fit num_ctx 2,048: prompt ~[\d,]+ \+ reply ~[\d,]+\. Try num_ctx 4,096/.test(n) || /^Over num_ctx 2,048: chat ~[\d,]+ tok, Ollama drops the oldest/.test(n))).toBe(true);
    expect(notices.some((n) => /^Ollama (probably )?cut ~[\d,]+ tok of old messages/.test(n))).toBe(true);
    expect(turns.some((t) => t.context?.cut && t.context.cut.kind !== 'none')).toBe(true);
    for (const t of turns) expect(t.metrics!.promptEvalCount!).toBeLessThanOrEqual(2048);
  });

  it('plans the prompt-eval wait from the rate this host measured for the model, and keeps the measurement', async () => {
    const waits = memoryWaitStore();
    const h = await sessions.start({ tokensPerSecond: 2000, promptTokensPerSecond: 2000, script: () => scriptFromText('Thinking.', 'Answer.', 2000) }, { waits }, 'deepseek-r1:8b');
    await waitFor(() => h.state().placement.fetchedAt !== undefined, 5000, 'ps polled');
    h.session.actions.send(question(1));
    expect(lastTurn(h).context?.wait?.promptMs).toBeUndefined(); // nothing measured yet
    await turnEnded(h);
    const measured = waits.get(h.state().connection.host, 'deepseek-r1:8b');
    expect(measured?.promptRate).toBeGreaterThan(500);
    expect(measured?.promptRate).toBeLessThan(4000);
    h.session.actions.send(question(2));
    const plan = lastTurn(h).context!.wait!;
    expect(plan.cold).toBe(false);
    expect(plan.promptMs).toBeGreaterThan(0);
    // only the new part is processed: the previous prompt (prompt_eval_count of turn 1) is cached
    const previous = h.state().turns[0]!.metrics!.promptEvalCount!;
    expect(plan.tokens).toBe(Math.round(lastTurn(h).context!.promptEstimate - previous));
    expect(plan.tokens).toBeLessThan(lastTurn(h).context!.promptEstimate * 0.6);
    await turnEnded(h);
  });
});
