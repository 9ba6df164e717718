import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../src/fake/cli.js';
import { json } from './index.js';

const CLI = fileURLToPath(new URL('../../dist/fake/cli.js', import.meta.url));

describe('fake ollama: standalone CLI', () => {
  it('parses every flag', () => {
    const o = parseCliOptions([
      '--port', '11434', '--rate', '20', '--style', 'tags', '--version', '0.12.6',
      '--split', 'deepseek-r1:32b=21943566336/11401775104', '--split', 'deepseek-r1:8b=100/50', '--header-delay', '2000',
      '--speed', '4', '--keep-alive', '1000', '--no-split-writes',
    ]);
    expect(o).toMatchObject({ port: 11434, tokensPerSecond: 20, thinkingStyle: 'tags', version: '0.12.6', headerDelayMs: 2000, speed: 4, keepAliveMs: 1000, splitWrites: false });
    const r8 = o.models!.find((m) => m.name === 'deepseek-r1:8b')!;
    expect([r8.loadedSize, r8.loadedVram]).toEqual([100, 50]);
  });

  it('rejects bad flags and values with a one-line message', () => {
    expect(() => parseCliOptions(['--bogus'])).toThrow(/bogus/);
    expect(() => parseCliOptions(['--rate', 'fast'])).toThrow('--rate needs a number');
    expect(() => parseCliOptions(['--style', 'xml'])).toThrow('--style must be one of');
    expect(() => parseCliOptions(['--split', 'deepseek-r1:32b=1'])).toThrow('--split must look like');
    expect(() => parseCliOptions(['--split', 'nope:1b=1/1'])).toThrow('unknown model');
    expect(() => parseCliOptions(['--port', '70000'])).toThrow('--port');
  });

  it.skipIf(!existsSync(CLI))('built CLI: bad flag exits 2 with one line; a good run prints the URL and serves', async () => {
    const bad = spawnSync(process.execPath, [CLI, '--nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const child = spawn(process.execPath, [CLI, '--port', '0', '--version', '0.11.0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => resolve(d.toString().trim()));
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await json(await fetch(`${url}/api/version`))).toEqual({ version: '0.11.0' });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
