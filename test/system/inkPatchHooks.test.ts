import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { canPatchLogUpdate, INK_LOG_UPDATE_PATCHES, load, patchLogUpdateSource } from '../../src/system/inkPatchHooks.js';

const require = createRequire(import.meta.url);
const logUpdatePath = require.resolve('ink').replace(/build[\\/]index\.js$/, 'build/log-update.js');
const installed = readFileSync(logUpdatePath, 'utf8');

describe('Ink 6.8 log-update patches', () => {
  it('find each target exactly once in the installed Ink', () => {
    for (const p of INK_LOG_UPDATE_PATCHES) expect(installed.split(p.bug).length - 1).toBe(1);
    expect(canPatchLogUpdate(installed)).toBe(true);
  });

  it('replace every target and nothing else', () => {
    const patched = patchLogUpdateSource(installed);
    for (const p of INK_LOG_UPDATE_PATCHES) {
      expect(patched).toContain(p.fix);
      expect(patched).not.toContain(p.bug);
    }
    const delta = INK_LOG_UPDATE_PATCHES.reduce((d, p) => d + p.fix.length - p.bug.length, 0);
    expect(patched.length - installed.length).toBe(delta);
  });

  it('apply nothing to a source they were not written for', () => {
    const partial = INK_LOG_UPDATE_PATCHES[0]!.bug;
    expect(canPatchLogUpdate(partial)).toBe(false);
    expect(patchLogUpdateSource(partial)).toBe(partial);
  });

  it('only touch ink/build/log-update.js in the loader hook, for text and bytes', async () => {
    const next = async () => ({ format: 'module', source: installed });
    const other = await load('file:///x/node_modules/other/log-update.js', {}, next);
    expect(other.source).toBe(installed);
    const ink = await load('file:///x/node_modules/ink/build/log-update.js', {}, next);
    expect(ink.source).toBe(patchLogUpdateSource(installed));
    const bytes = await load('file:///x/node_modules/ink/build/log-update.js', {}, async () => ({
      format: 'module',
      source: new TextEncoder().encode(installed),
    }));
    expect(bytes.source).toBe(patchLogUpdateSource(installed));
  });
});
