#!/usr/bin/env node
// Published entry point.
// 1. React's development build leaks memory under Ink 6.8 (react#35761): force production mode first.
// 2. Fix Ink 6.8's incremental renderer in memory (dist/terminal/inkPatchLoader.js registers the hooks
//    with the loader API this Node has, without a deprecation warning) and only then tell the app it may
//    use incremental rendering (far fewer bytes per frame over SSH).
import nodeModule from 'node:module';

if (process.env.R1_TUI_DEV !== '1') process.env.NODE_ENV = 'production';

try {
  const { installInkPatches } = await import('../dist/terminal/inkPatchLoader.js');
  if (installInkPatches({ loader: nodeModule }).incremental) process.env.R1_TUI_INK_PATCHED = '1';
} catch {
  // Without the patch the app falls back to Ink's standard (full-frame) renderer.
}

await import('../dist/cli.js');
