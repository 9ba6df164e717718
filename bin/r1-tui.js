#!/usr/bin/env node
// Published entry point.
// 1. React's development build leaks memory under Ink 6.8 (react#35761): force production mode first.
// 2. Fix Ink 6.8's incremental renderer in memory (dist/terminal/inkPatchHooks.js) and only then tell the
//    app it may use incremental rendering (far fewer bytes per frame over SSH).
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

if (process.env.R1_TUI_DEV !== '1') process.env.NODE_ENV = 'production';

try {
  if (process.env.R1_TUI_NO_INK_PATCH === '1') throw new Error('Ink patches disabled by R1_TUI_NO_INK_PATCH');
  const hooks = new URL('../dist/terminal/inkPatchHooks.js', import.meta.url);
  const { canPatchLogUpdate } = await import(hooks.href);
  const require = createRequire(import.meta.url);
  const inkDir = require.resolve('ink').replace(/build[\\/]index\.js$/, '');
  const source = readFileSync(`${inkDir}build/log-update.js`, 'utf8');
  // The hook patches log-update.js and output.js; each only when it is the Ink 6.8.0 source it expects.
  register(hooks.href, import.meta.url);
  if (canPatchLogUpdate(source)) process.env.R1_TUI_INK_PATCHED = '1';
} catch {
  // Without the patch the app falls back to Ink's standard (full-frame) renderer.
}

await import('../dist/cli.js');
