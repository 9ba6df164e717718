/**
 * The one place where the Ink patches (src/terminal/inkPatchHooks.ts) enter Node's module loader. Called
 * by bin/r1-tui.js before the app (and so Ink) is imported. To drop a patch, drop it from
 * inkPatchHooks.ts; to drop the mechanism, drop this file and its call in bin/r1-tui.js.
 *
 * Which loader API, by what the running Node has (feature-tested, not by version number):
 * - module.registerHooks(): synchronous hooks in this thread, no warning. Node 22.15+, 23.5+, 24, 26.
 * - module.register(): asynchronous hooks on a loader thread. Only where registerHooks does not exist
 *   (Node 20, and 22 before 22.15), where register is not deprecated. From Node 26 it prints
 *   "DeprecationWarning: module.register() is deprecated" (DEP0205) on stderr, so it is never used when
 *   registerHooks exists.
 * - neither (or R1_TUI_NO_INK_PATCH=1): nothing is registered; Ink renders the same frames with more CPU
 *   (output never depends on the patches: Ink renders into r1-tui's screen writer, src/terminal/screen).
 *   An Ink that is not 6.8.0 is left alone file by file (inkPatchHooks applies a file's patches only to
 *   the exact source they were written for).
 */
import { loadSync } from './inkPatchHooks.js';

/** The hooks module for module.register(): it exports `load` (the compiled inkPatchHooks.ts). */
export const INK_PATCH_HOOKS_URL = new URL('./inkPatchHooks.js', import.meta.url).href;

export type InkPatchApi = 'registerHooks' | 'register' | 'none';

/** The parts of node:module used here (a seam: tests pass their own). */
export interface ModuleLoaderApi {
  registerHooks?: (hooks: { load: typeof loadSync }) => unknown;
  register?: (specifier: string, parentURL: string) => void;
}

export interface InkPatchResult {
  api: InkPatchApi;
  /** Why nothing was registered (api 'none'). */
  reason?: string;
}

export interface InstallInkPatchesOptions {
  loader: ModuleLoaderApi;
  env?: NodeJS.ProcessEnv;
}

/** The loader API this Node should use: registerHooks when it exists, else register, else none. */
export function chooseInkPatchApi(loader: ModuleLoaderApi): InkPatchApi {
  if (typeof loader.registerHooks === 'function') return 'registerHooks';
  if (typeof loader.register === 'function') return 'register';
  return 'none';
}

/** Register the Ink patch hooks; never throws (a failure leaves Ink unpatched and says why). */
export function installInkPatches(opts: InstallInkPatchesOptions): InkPatchResult {
  const env = opts.env ?? process.env;
  if (env.R1_TUI_NO_INK_PATCH === '1') return { api: 'none', reason: 'disabled by R1_TUI_NO_INK_PATCH=1' };
  const api = chooseInkPatchApi(opts.loader);
  if (api === 'none') return { api, reason: 'this Node has neither module.registerHooks nor module.register' };
  try {
    if (api === 'registerHooks') opts.loader.registerHooks!({ load: loadSync });
    else opts.loader.register!(INK_PATCH_HOOKS_URL, import.meta.url);
    return { api };
  } catch (error) {
    return { api: 'none', reason: error instanceof Error ? error.message : String(error) };
  }
}
