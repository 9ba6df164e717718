import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { INK_LOG_UPDATE_BUG, INK_LOG_UPDATE_FIX, load, patchLogUpdateSource } from '../../src/system/inkPatchHooks.js';

const require = createRequire(import.meta.url);
const logUpdatePath = require.resolve('ink').replace(/build[\\/]index\.js$/, 'build/log-update.js');

describe('Ink 6.8 log-update patch', () => {
  it('finds the buggy line exactly once in the installed Ink', () => {
    const source = readFileSync(logUpdatePath, 'utf8');
    expect(source.split(INK_LOG_UPDATE_BUG).length - 1).toBe(1);
  });

  it('replaces it with the Ink 7 fix and leaves everything else alone', () => {
    const source = readFileSync(logUpdatePath, 'utf8');
    const patched = patchLogUpdateSource(source);
    expect(patched).toContain(INK_LOG_UPDATE_FIX);
    expect(patched).not.toContain(INK_LOG_UPDATE_BUG);
    expect(patched.length - source.length).toBe(INK_LOG_UPDATE_FIX.length - INK_LOG_UPDATE_BUG.length);
  });

  it('only touches ink/build/log-update.js in the loader hook', async () => {
    const next = async () => ({ format: 'module', source: INK_LOG_UPDATE_BUG });
    const other = await load('file:///x/node_modules/other/log-update.js', {}, next);
    expect(other.source).toBe(INK_LOG_UPDATE_BUG);
    const ink = await load('file:///x/node_modules/ink/build/log-update.js', {}, next);
    expect(ink.source).toBe(INK_LOG_UPDATE_FIX);
    const bytes = await load('file:///x/node_modules/ink/build/log-update.js', {}, async () => ({
      format: 'module',
      source: new TextEncoder().encode(INK_LOG_UPDATE_BUG),
    }));
    expect(bytes.source).toBe(INK_LOG_UPDATE_FIX);
  });
});
