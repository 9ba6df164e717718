/**
 * The stdout Ink writes to, with the screen's drawing characters in ASCII (core/charset asciiText), for a
 * terminal whose locale is not UTF-8 (LANG=C): box borders become + - |, bars and sparklines # . _ : ...
 * Everything but `write` is the real stream (size, resize events, isTTY), so Ink lays out as before; each
 * mapped character takes one cell as the original did.
 */
import { asciiText } from '../core/charset.js';

export function asciiStdout<T extends NodeJS.WriteStream>(stdout: T): T {
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? asciiText(chunk) : chunk;
    return (stdout.write as (...args: unknown[]) => boolean)(text, ...rest);
  };
  return new Proxy(stdout, {
    get(target, prop) {
      if (prop === 'write') return write;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
