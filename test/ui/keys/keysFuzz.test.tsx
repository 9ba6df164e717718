/**
 * Issue 17 key fuzz, in process: seeded random keystrokes and pastes (garbled CSI/SS3/OSC/DCS, paste
 * markers, kitty and mouse reports, UTF-8 and broken surrogates, controls, Alt-prefixed keys) go through
 * the app's real input path (Ink's input parser, decodeKeypress, the shell's dispatchers). The app must
 * not throw, not quit, not send, and the draft typed first must still be in the buffer, in order, when
 * Enter finally sends it. A failure names its seed and batch: replay with that seed.
 */
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { containsInOrder, draftSafe, mulberry32, randomSequence } from '../../fuzz/keySequences.js';
import { connectedState, KEYS, renderApp, ticks, waitFor } from '../helpers.js';

afterEach(() => cleanup());

const SEED = 20261207;
const BATCHES = 12;
const SEQUENCES_PER_BATCH = 250;
const DRAFT = 'keep this draft';

describe('key fuzz (in process)', () => {
  it(`${BATCHES * SEQUENCES_PER_BATCH} random sequences keep the app alive and the draft intact`, async () => {
    const random = mulberry32(SEED);
    for (let batch = 0; batch < BATCHES; batch++) {
      const app = renderApp(connectedState(), batch % 2 === 0 ? { columns: 120, rows: 40 } : { columns: 80, rows: 24 });
      await ticks();
      app.stdin.write(DRAFT);
      await waitFor(() => expect(app.frame()).toContain(DRAFT));
      const sequences = Array.from({ length: SEQUENCES_PER_BATCH }, () => randomSequence(random));
      // made safe as one stream, so no Delete or Enter forms where two sequences meet
      const stream = draftSafe(sequences.join(''));
      // written in random cuts (several keys per read, sequences split across reads)
      let at = 0;
      let writes = 0;
      while (at < stream.length) {
        const cut = at + 1 + Math.floor(random() * 40);
        const piece = stream.slice(at, cut);
        try {
          app.stdin.write(piece);
        } catch (error) {
          throw new Error(`seed ${SEED} batch ${batch}: writing ${JSON.stringify(piece)} threw: ${String(error)}`);
        }
        at = cut;
        if (++writes % 8 === 0) await new Promise((r) => setImmediate(r));
      }
      await ticks(3);
      expect(app.onQuit, `seed ${SEED} batch ${batch}: quit`).not.toHaveBeenCalled();
      expect(app.actions.send, `seed ${SEED} batch ${batch}: sent`).not.toHaveBeenCalled();
      // close whatever overlay the fuzz left open, then send: the draft is in what is sent
      for (let i = 0; i < 4; i++) {
        app.stdin.write(KEYS.esc);
        await ticks(3);
      }
      app.stdin.write(KEYS.enter);
      await waitFor(() => expect(app.actions.send, `seed ${SEED} batch ${batch}: Enter sent nothing`).toHaveBeenCalledTimes(1));
      const sent = String(app.actions.send.mock.calls[0]?.[0]);
      expect(containsInOrder(sent, DRAFT), `seed ${SEED} batch ${batch}: draft lost in ${JSON.stringify(sent.slice(0, 300))}`).toBe(true);
      expect(app.frame()).toContain('F1 help');
      app.unmount();
      cleanup();
    }
  }, 120_000);
});
