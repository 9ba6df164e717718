#!/usr/bin/env node
// Published entry point.
// 1. React's development build leaks memory under Ink 6.8 (react#35761): force production mode first.
// 2. Fix Ink 6.8's incremental renderer in memory (dist/system/inkPatchHooks.js) and only then tell the
//    app it may use incremental rendering (far fewer bytes per frame over SSH).
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

if (process.env.R1_TUI_DEV !== '1') process.env.NODE_ENV = 'production';

try {
  const hooks = new URL('../dist/system/inkPatchHooks.js', import.meta.url);
  const { canPatchLogUpdate } = await import(hooks.href);
  const require = createRequire(import.meta.url);
  const inkDir = require.resolve('ink').replace(/build[\\/]index\.js$/, '');
  const source = readFileSync(`${inkDir}build/log-update.js`, 'utf8');
  if (canPatchLogUpdate(source)) {
    register(hooks.href, import.meta.url);
    process.env.R1_TUI_INK_PATCHED = '1';
  }
} catch {
  // Without the patch the app falls back to Ink's standard (full-frame) renderer.
}

await import('../dist/cli.js');
