import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { loadSync } from '../../src/terminal/inkPatchHooks.js';
import { chooseInkPatchApi, INK_PATCH_HOOKS_URL, installInkPatches } from '../../src/terminal/inkPatchLoader.js';

describe('the Ink patch loader', () => {
  it('uses registerHooks where it exists, even when register exists too (register is deprecated on Node 26)', () => {
    const loader = { registerHooks: vi.fn(), register: vi.fn() };
    const result = installInkPatches({ loader, env: {} });
    expect(result).toEqual({ api: 'registerHooks' });
    expect(loader.registerHooks).toHaveBeenCalledWith({ load: loadSync });
    expect(loader.register).not.toHaveBeenCalled();
  });

  it('falls back to register where registerHooks does not exist (Node 20), with the compiled hooks module', () => {
    const loader = { register: vi.fn() };
    const result = installInkPatches({ loader, env: {} });
    expect(result).toEqual({ api: 'register' });
    expect(loader.register).toHaveBeenCalledTimes(1);
    const [specifier] = loader.register.mock.calls[0]!;
    expect(specifier).toBe(INK_PATCH_HOOKS_URL);
    // from src/ the URL names the .js next to the .ts; in dist/ it is the compiled file
    expect(existsSync(fileURLToPath(INK_PATCH_HOOKS_URL).replace(/\.js$/, '.ts'))).toBe(true);
  });

  it('registers nothing without either API, or when R1_TUI_NO_INK_PATCH=1', () => {
    expect(chooseInkPatchApi({})).toBe('none');
    expect(installInkPatches({ loader: {}, env: {} })).toMatchObject({ api: 'none' });
    const loader = { registerHooks: vi.fn() };
    expect(installInkPatches({ loader, env: { R1_TUI_NO_INK_PATCH: '1' } })).toMatchObject({
      api: 'none',
      reason: expect.stringMatching(/R1_TUI_NO_INK_PATCH/),
    });
    expect(loader.registerHooks).not.toHaveBeenCalled();
  });


  it('never throws: a failing registration leaves Ink unpatched and says why', () => {
    const loader = {
      registerHooks: () => {
        throw new Error('hooks refused');
      },
    };
    expect(installInkPatches({ loader, env: {} })).toEqual({ api: 'none', reason: 'hooks refused' });
  });
});
