import { EventEmitter } from 'node:events';
import { cleanup, render } from 'ink-testing-library';
import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { AppStore } from '../../../src/session/store.js';
import { App } from '../../../src/ui/shell/App.js';
import { useTerminalSize, type ResizeSource } from '../../../src/ui/shell/useTerminalSize.js';
import { connectedState, fakeActions, waitFor } from '../helpers.js';

afterEach(() => cleanup());

class FakeTerminal extends EventEmitter implements ResizeSource {
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  resize(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

function SizeProbe({ source }: { source: ResizeSource }) {
  const { columns, rows } = useTerminalSize(undefined, source);
  return <Text>{`${columns}x${rows}`}</Text>;
}

describe('useTerminalSize', () => {
  it('reads the size and follows resize events', async () => {
    const term = new FakeTerminal(90, 30);
    const view = render(<SizeProbe source={term} />);
    await waitFor(() => expect(view.lastFrame()).toBe('90x30'));
    term.resize(130, 45);
    await waitFor(() => expect(view.lastFrame()).toBe('130x45'));
  });

  it('the app re-lays out on resize, including to and from too small', async () => {
    const term = new FakeTerminal(120, 40);
    const view = render(
      <App store={new AppStore(connectedState(), 0)} actions={fakeActions()} initialSize={{ columns: 120, rows: 40 }} resizeSource={term} />,
    );
    await waitFor(() => expect(view.lastFrame()).toContain('Performance'));
    expect(view.lastFrame()!.split('\n')).toHaveLength(39);
    term.resize(80, 24);
    await waitFor(() => expect(view.lastFrame()!.split('\n')).toHaveLength(23));
    expect(view.lastFrame()).not.toContain('Performance');
    term.resize(40, 10);
    await waitFor(() => expect(view.lastFrame()).toContain('Terminal too small: 40x10'));
    term.resize(100, 30);
    await waitFor(() => expect(view.lastFrame()).toContain('Performance'));
    expect(view.lastFrame()!.split('\n')).toHaveLength(29);
  });
});
