import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/system/config.js';
import { hostsEntryOffset } from '../../src/system/configHosts.js';

const P = '/home/u/.config/r1-tui/config.json';

function err(text: string): string {
  const r = parseConfig(text, P);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

const doc = (hosts: string) => `{\n  "model": "deepseek-r1:8b",\n  "hosts": [\n${hosts}\n  ]\n}`;

describe('config hosts', () => {
  it('reads names, URLs, kinds (with aliases) and keys', () => {
    const r = parseConfig(
      doc(`    { "name": "gpu-box", "url": "http://10.0.0.5:11434" },\n    { "name": "head", "url": "10.0.0.9:8000/v1", "backend": "llamacpp", "apiKey": "sk-1" }`),
      P,
    );
    expect(r).toMatchObject({
      ok: true,
      config: { hosts: [{ name: 'gpu-box', url: 'http://10.0.0.5:11434' }, { name: 'head', url: '10.0.0.9:8000/v1', backend: 'llama.cpp', apiKey: 'sk-1' }] },
    });
  });

  it('names FILE:LINE and the field path for each wrong field', () => {
    const second = (entry: string) => doc(`    { "name": "a", "url": "http://a:1" },\n    {\n      "name": "b",\n      ${entry}\n    }`);
    // line 1 {, 2 model, 3 hosts, 4 first entry, 5 {, 6 name, 7 the field under test
    expect(err(second('"url": "has space"'))).toBe(`${P}:7: field "hosts[2].url": expected a URL like "http://10.0.0.5:11434" or "box:8000/v1", got "has space"`);
    expect(err(second('"url": "http://a:1", "backend": "tgi"'))).toBe(`${P}:7: field "hosts[2].backend": expected one of "ollama", "llama.cpp", "vllm", "sglang", "lmstudio", "openai", got "tgi"`);
    expect(err(second('"url": "http://a:1", "port": 3'))).toBe(`${P}:7: field "hosts[2].port": unknown field (known: name, url, backend, apiKey)`);
    expect(err(doc(`    { "name": "a", "url": "http://a:1" },\n    { "name": "has space", "url": "http://b:1" }`))).toMatch(new RegExp(`:5: field "hosts\\[2\\]\\.name": expected a short name`));
    expect(err(doc(`    { "name": "a", "url": "http://a:1" },\n    { "name": "A", "url": "http://b:1" }`))).toBe(`${P}:5: field "hosts[2].name": the name "A" is used by an earlier host`);
    expect(err(doc(`    { "name": "a", "url": "http://a:1" },\n    "b"`))).toBe(`${P}:5: field "hosts[2]": expected an object like {"name": "gpu-box", "url": "http://10.0.0.5:11434"}, got "b"`);
    expect(err(doc(`    { "url": "http://a:1" }`))).toBe(`${P}:4: field "hosts[1].name": expected a short name like "gpu-box" (letters, digits, . _ -; at most 40), got undefined`);
    expect(err('{\n  "hosts": "gpu-box"\n}')).toBe(`${P}:2: field "hosts": expected a list of hosts like [{"name": "gpu-box", "url": "http://10.0.0.5:11434"}], got "gpu-box"`);
  });

  it('never echoes a key, not even a malformed one, nor one in a URL', () => {
    const bad = err(doc(`    { "name": "a", "url": "http://a:1", "apiKey": "sk-SECRET with space" }`));
    expect(bad).toBe(`${P}:4: field "hosts[1].apiKey": expected a key without spaces or control characters (the value is not shown)`);
    expect(bad).not.toContain('SECRET');
    const inUrl = err(doc(`    { "name": "a", "url": "http://user:sk-SECRET@a:1" }`));
    expect(inUrl).toContain('field "hosts[1].url": a URL with user:password@ is not accepted');
    expect(inUrl).not.toContain('SECRET');
  });

  it('finds entries and keys past strings holding brackets and commas', () => {
    const text = '{"hosts": [{"name": "a,]", "url": "x"},\n{"name": "b", "url": "y"}]}';
    expect(text.slice(hostsEntryOffset(text, 1, 'url'))).toMatch(/^"url": "y"/);
    expect(hostsEntryOffset(text, 2)).toBe(-1);
  });
});
