#!/usr/bin/env node
// Published entry point.
// 1. React's development build leaks memory under Ink 6.8 (react#35761): force production mode first.
// 2. Ink 6.8's CPU patches (dist/terminal/inkPatchHooks.js: shared row/width caches), applied in memory.
//    Output does not depend on them: Ink renders into r1-tui's screen writer (src/terminal/screen).
import { register } from 'node:module';

if (process.env.R1_TUI_DEV !== '1') process.env.NODE_ENV = 'production';

try {
  if (process.env.R1_TUI_NO_INK_PATCH === '1') throw new Error('Ink patches disabled by R1_TUI_NO_INK_PATCH');
  const hooks = new URL('../dist/terminal/inkPatchHooks.js', import.meta.url);
  // The hook patches output.js and render-node-to-output.js; each only when it is the Ink 6.8.0 source it expects.
  register(hooks.href, import.meta.url);
} catch {
  // Without the patches Ink renders the same frames with more CPU.
}

await import('../dist/cli.js');
