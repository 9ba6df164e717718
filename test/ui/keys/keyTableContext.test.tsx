/** The key table is data the App receives: two Apps with different keys, rendered at once, keep their own. */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { AppStore } from '../../../src/session/store.js';
import { App } from '../../../src/ui/shell/App.js';
import { resolveKeyOverrides } from '../../../src/core/keyBindings.js';
import { connectedState, fakeActions, KEYS, ticks, waitFor } from '../helpers.js';

afterEach(() => cleanup());

const F2 = '\u001BOQ';
const F10 = '\u001B[21~';

function app(keys?: Record<string, string>) {
  const r = keys ? resolveKeyOverrides(keys) : undefined;
  if (r && !r.ok) throw new Error(r.problem);
  const view = render(
    <App store={new AppStore(connectedState(), 0)} actions={fakeActions()} initialSize={{ columns: 100, rows: 30 }} keyBindings={r?.bindings} />,
  );
  return { ...view, frame: () => view.lastFrame() ?? '' };
}

describe('key table per App', () => {
  it('an App with F2 moved to F10 and one with the defaults, side by side, each answer their own keys', async () => {
    const moved = app({ verbose: 'f10' });
    const plain = app();
    await ticks();
    moved.stdin.write(F2);
    plain.stdin.write(F2);
    await waitFor(() => expect(plain.frame()).toContain('Statistics'));
    await ticks(5);
    expect(moved.frame()).not.toContain('Statistics');
    moved.stdin.write(F10);
    await waitFor(() => expect(moved.frame()).toContain('Statistics'));
    // Each overlay names the key in force.
    expect(moved.frame()).toContain('F10 or Esc closes');
    expect(plain.frame()).toContain('F2 or Esc closes');
    plain.stdin.write(KEYS.esc);
    await waitFor(() => expect(plain.frame()).not.toContain('Statistics'));
    plain.stdin.write(F10);
    await ticks(5);
    expect(plain.frame()).not.toContain('Statistics');
  });
});
