import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { decodeKeypress, type Keypress } from './keypress.js';

/**
 * r1-tui's replacement for Ink's useInput: the same input events (Ink's App splits each read into text
 * runs and escape sequences), decoded by decodeKeypress, which is total (Ink 6.8's decoding throws on
 * unknown CSI sequences such as Ctrl+F1 or an SGR code in a paste). The handler is read from a ref when
 * each event arrives, so several keys in one read each see the state the previous one left.
 * Every file in src/ uses this, never Ink's useInput (test/ui/keypress.test.ts checks it).
 */
export function useKeypress(handler: (press: Keypress, raw: string) => void, isActive = true): void {
  const ref = useRef(handler);
  ref.current = handler;
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();

  useEffect(() => {
    if (!isActive || !isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isActive, isRawModeSupported, setRawMode]);

  useEffect(() => {
    if (!isActive || !events) return;
    const onInput = (data: unknown) => {
      const raw = typeof data === 'string' ? data : String(data ?? '');
      ref.current(decodeKeypress(raw), raw);
    };
    events.on('input', onInput);
    return () => {
      events.removeListener('input', onInput);
    };
  }, [events, isActive]);
}
