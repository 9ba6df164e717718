/**
 * Make Ink 6.8 draw its whole frame again, as after a suspend (the alternate screen comes back empty).
 * Ink writes a frame only when its text differs from the last one it wrote, and its log-update writes
 * only the rows that differ from the rows it believes are on screen, so a plain re-render after SIGCONT
 * would write nothing. This forgets both (the instance's last output, log-update's previous rows and
 * its hidden-cursor state) and renders: every row is written, the cursor hidden again and placed where
 * the input box last asked.
 *
 * Ink keeps its instances in build/instances.js (a WeakMap keyed by stdout) and exports neither that
 * nor a repaint; the module is loaded by file URL (the package's "exports" hide it) and is the same
 * module Ink itself uses. The fields touched exist in Ink 6.8.0; any missing one makes this a no-op
 * that returns false (the caller then falls back to a re-render), never a crash.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

interface InkInternals {
  lastOutput: string;
  lastOutputToRender: string;
  lastOutputHeight: number;
  cursorPosition: unknown;
  log: { done(): void; setCursorPosition(position: unknown): void };
  onRender(): void;
}

type Instances = WeakMap<object, unknown>;

/** Ink's own instance map (undefined when Ink's layout is not the one this was written for). */
export async function loadInkInstances(): Promise<Instances | undefined> {
  try {
    const require = createRequire(import.meta.url);
    const index = require.resolve('ink');
    const url = pathToFileURL(index.replace(/index\.js$/, 'instances.js')).href;
    const mod = (await import(url)) as { default?: unknown };
    return mod.default instanceof WeakMap ? (mod.default as Instances) : undefined;
  } catch {
    return undefined;
  }
}

function internals(value: unknown): InkInternals | undefined {
  const inst = value as Partial<InkInternals> | undefined;
  if (!inst || typeof inst.onRender !== 'function' || typeof inst.lastOutput !== 'string') return undefined;
  const log = inst.log as Partial<InkInternals['log']> | undefined;
  if (!log || typeof log.done !== 'function' || typeof log.setCursorPosition !== 'function') return undefined;
  return inst as InkInternals;
}

/** Repaint the Ink app rendered to `stdout` in full. Returns false when that was not possible. */
export function repaintInk(instances: Instances | undefined, stdout: object): boolean {
  const inst = internals(instances?.get(stdout));
  if (!inst) return false;
  inst.lastOutput = '';
  inst.lastOutputToRender = '';
  inst.lastOutputHeight = 0;
  inst.log.done();
  inst.log.setCursorPosition(inst.cursorPosition);
  inst.onRender();
  return true;
}
