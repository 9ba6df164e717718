/**
 * Shared set-up for the end-to-end tests: fakes and apps started in a test are closed after it, in
 * reverse order, and `ask` types a message, waits for its echo, then presses Enter as its own write.
 */
import { afterEach } from 'vitest';
import { startFakeOllama, type FakeOllama, type FakeOptions } from '../../../src/fake/server.js';
import { KEYS, type AppProcess } from './pty.js';

export interface E2EScope {
  /** Close-later callbacks for this test (an app's dispose, a proxy's close, ...). */
  cleanups: Array<() => Promise<void>>;
  /** Start a fake Ollama that is closed after the test. */
  fake(opts: FakeOptions): Promise<FakeOllama>;
}

/** Call once at the top of a test file. */
export function e2eScope(): E2EScope {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });
  return {
    cleanups,
    fake: async (opts) => {
      const f = await startFakeOllama(opts);
      cleanups.push(() => f.close());
      return f;
    },
  };
}

/**
 * Resolves once `pred()` holds, checked every `everyMs`; rejects after `timeoutMs` naming `what` (a
 * function is called then, e.g. to show the screen). The wait for anything that is not on the screen (a
 * file, a server's request count); the screen has AppProcess.waitFor.
 */
export async function until(pred: () => boolean, timeoutMs: number, what: string | (() => string), everyMs = 20): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Type `text`, wait until its start shows on screen, then press Enter. */
export async function ask(a: AppProcess, text: string): Promise<void> {
  a.write(text);
  await a.waitFor(text.slice(0, 12), 15_000);
  a.write(KEYS.enter);
}
