import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** Something that reports a size and emits 'resize' (process.stdout, or a fake in tests). */
export interface ResizeSource {
  columns?: number;
  rows?: number;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

const FALLBACK: TerminalSize = { columns: 80, rows: 24 };

function read(source: ResizeSource, previous: TerminalSize): TerminalSize {
  return {
    columns: source.columns && source.columns > 0 ? source.columns : previous.columns,
    rows: source.rows && source.rows > 0 ? source.rows : previous.rows,
  };
}

/**
 * The terminal size, updated on every 'resize' of `source` (Ink's stdout by default; Ink 6.8 does not
 * re-render components when only the row count changes). `initial` wins until the first resize, which is
 * how tests set a size (ink-testing-library's stdout has no rows).
 */
export function useTerminalSize(initial?: TerminalSize, source?: ResizeSource): TerminalSize {
  const { stdout } = useStdout();
  const target: ResizeSource = source ?? (stdout as unknown as ResizeSource);
  const [size, setSize] = useState<TerminalSize>(() => initial ?? read(target, FALLBACK));
  useEffect(() => {
    const onResize = () => setSize((prev) => {
      const next = read(target, prev);
      return next.columns === prev.columns && next.rows === prev.rows ? prev : next;
    });
    target.on('resize', onResize);
    return () => {
      target.off('resize', onResize);
    };
  }, [target]);
  return size;
}
