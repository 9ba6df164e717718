import { demoScript, syntheticScript } from './scripts.js';
import type { FakeOptions, RecordedRequest } from './types.js';

/**
 * Options for the app's `--demo` mode: a visible cold load, a believable pace, and a first
 * reply that says plainly that this is the demo backend and no model is running.
 * Later replies use the keyword-selected synthetic scripts ("loop", "long", ...).
 */
export function demoFakeOptions(overrides: FakeOptions = {}): FakeOptions {
  const tokensPerSecond = overrides.tokensPerSecond ?? 18;
  let replies = 0;
  const script = (req: RecordedRequest) => {
    replies++;
    return replies === 1 ? demoScript(tokensPerSecond) : syntheticScript(req, tokensPerSecond);
  };
  return { headerDelayMs: 1500, tokensPerSecond, script, ...overrides };
}
