import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  applyPatches,
  canPatch,
  INK_PATCHES,
  load,
  loadSync,
} from '../../src/terminal/inkPatchHooks.js';

const require = createRequire(import.meta.url);
const inkBuild = require.resolve('ink').replace(/index\.js$/, '');
const sources = Object.fromEntries(Object.keys(INK_PATCHES).map((f) => [f, readFileSync(inkBuild + f, 'utf8')]));

describe.each(Object.entries(INK_PATCHES))('Ink 6.8 patches for %s', (file, patches) => {
  const installed = sources[file]!;

  it('find each target exactly once in the installed Ink', () => {
    for (const p of patches) expect(installed.split(p.bug).length - 1).toBe(1);
    expect(canPatch(installed, patches)).toBe(true);
  });

  it('replace every target and nothing else', () => {
    const patched = applyPatches(installed, patches);
    for (const p of patches) expect(patched).toContain(p.fix);
    const delta = patches.reduce((d, p) => d + p.fix.length - p.bug.length, 0);
    expect(patched.length - installed.length).toBe(delta);
  });

  it('apply nothing to a source they were not written for', () => {
    const partial = patches[0]!.bug;
    if (patches.length > 1) {
      expect(canPatch(partial, patches)).toBe(false);
      expect(applyPatches(partial, patches)).toBe(partial);
    }
  });

  it('are applied by the loader hook to text and to bytes', async () => {
    const url = `file:///x/node_modules/ink/build/${file}`;
    const text = await load(url, {}, async () => ({ format: 'module', source: installed }));
    expect(text.source).toBe(applyPatches(installed, patches));
    const bytes = await load(url, {}, async () => ({ format: 'module', source: new TextEncoder().encode(installed) }));
    expect(bytes.source).toBe(applyPatches(installed, patches));
    const sync = loadSync(url, {}, () => ({ format: 'module', source: Buffer.from(installed) }));
    expect(sync).toEqual({ format: 'module', source: applyPatches(installed, patches) });
  });
});

describe('the loader hook', () => {
  it('leaves every other module alone', async () => {
    const src = sources['output.js']!;
    const other = await load('file:///x/node_modules/other/build/output.js', {}, async () => ({ source: src }));
    expect(other.source).toBe(src);
    // Ink's log-update and ink.js are no longer patched (Ink renders in debug mode into the screen writer)
    for (const file of ['log-update.js', 'ink.js']) {
      const source = readFileSync(inkBuild + file, 'utf8');
      const inkOther = await load(`file:///x/node_modules/ink/build/${file}`, {}, async () => ({ source }));
      expect(inkOther.source).toBe(source);
    }
    const builtin = { format: 'builtin', source: null };
    expect(loadSync('node:fs', {}, () => builtin)).toBe(builtin);
  });
});
