#!/usr/bin/env node
// Published entry point.
// 1. React's development build leaks memory under Ink 6.8 (react#35761): force production mode first.
// 2. Ink 6.8's CPU patches (dist/terminal/inkPatchHooks.js: shared row/width caches), applied in memory
//    through dist/terminal/inkPatchLoader.js with the loader API this Node has, without a deprecation
//    warning. Output does not depend on them: Ink renders into r1-tui's screen writer (src/terminal/screen).
import nodeModule from 'node:module';

if (process.env.R1_TUI_DEV !== '1') process.env.NODE_ENV = 'production';

try {
  const { installInkPatches } = await import('../dist/terminal/inkPatchLoader.js');
  installInkPatches({ loader: nodeModule });
} catch {
  // Without the patches Ink renders the same frames with more CPU.
}

await import('../dist/cli.js');
