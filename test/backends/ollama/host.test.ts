import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST_URL, HostValueError, parseHostFlag, parseOllamaHost, resolveHost } from '../../../src/backends/ollama/host.js';

describe('parseOllamaHost (Go envconfig.Host rules)', () => {
  // Every OLLAMA_HOST form the Go CLI accepts, plus the cases of Go's envconfig tests.
  const table: Array<[string | undefined, string]> = [
    [undefined, 'http://127.0.0.1:11434'],
    ['', 'http://127.0.0.1:11434'],
    ['1.2.3.4', 'http://1.2.3.4:11434'],
    [':1234', 'http://:1234'],
    ['1.2.3.4:1234', 'http://1.2.3.4:1234'],
    ['example.com', 'http://example.com:11434'],
    ['example.com:1234', 'http://example.com:1234'],
    ['0.0.0.0', 'http://0.0.0.0:11434'],
    ['[::1]', 'http://[::1]:11434'],
    ['::1', 'http://[::1]:11434'],
    ['[::]', 'http://[::]:11434'],
    ['[::1]:1337', 'http://[::1]:1337'],
    ['http://1.2.3.4', 'http://1.2.3.4:80'],
    ['http://1.2.3.4:4321', 'http://1.2.3.4:4321'],
    ['https://1.2.3.4', 'https://1.2.3.4:443'],
    ['https://1.2.3.4:4321', 'https://1.2.3.4:4321'],
    [':66000', 'http://:11434'],
    [':-1', 'http://:11434'],
    [':0', 'http://:0'],
    [' 1.2.3.4 ', 'http://1.2.3.4:11434'],
    ['"1.2.3.4"', 'http://1.2.3.4:11434'],
    [' " 1.2.3.4 " ', 'http://1.2.3.4:11434'],
    ["'1.2.3.4'", 'http://1.2.3.4:11434'],
    ['https://example.com/ollama', 'https://example.com:443/ollama'],
    ['ollama.com', 'https://ollama.com:443'],
    ['http://1.2.3.4/', 'http://1.2.3.4:80'],
    ['example.com:abc', 'http://example.com:11434'],
    ['0:0:0:0:0:0:0:1', 'http://[::1]:11434'],
  ];
  it.each(table)('%j → %s', (input, expected) => {
    expect(parseOllamaHost(input)).toBe(expected);
  });
});

describe('resolveHost', () => {
  it('uses the default when neither flag nor env is set', () => {
    expect(resolveHost({})).toEqual({ url: DEFAULT_HOST_URL, source: 'default' });
    expect(resolveHost({ env: '  ' })).toEqual({ url: DEFAULT_HOST_URL, source: 'default' });
  });
  it('reads OLLAMA_HOST with the Go rules', () => {
    expect(resolveHost({ env: '10.0.0.5' })).toEqual({ url: 'http://10.0.0.5:11434', source: 'env' });
    expect(resolveHost({ env: 'https://example.com/ollama' })).toEqual({ url: 'https://example.com:443/ollama', source: 'env' });
  });
  it('dials 127.0.0.1 for an empty host and loopback for bind-all addresses', () => {
    expect(resolveHost({ env: ':1234' }).url).toBe('http://127.0.0.1:1234');
    expect(resolveHost({ env: '0.0.0.0' }).url).toBe('http://127.0.0.1:11434');
    expect(resolveHost({ env: '[::]:9000' }).url).toBe('http://[::1]:9000');
  });
  it('prefers the flag over OLLAMA_HOST', () => {
    expect(resolveHost({ flag: '127.0.0.1:9999', env: '10.0.0.5' })).toEqual({ url: 'http://127.0.0.1:9999', source: 'flag' });
  });
  it('produces URLs that new URL() accepts', () => {
    for (const v of ['::1', ':1234', '[::1]:1337', 'example.com', 'ollama.com']) {
      expect(() => new URL(resolveHost({ env: v }).url)).not.toThrow();
    }
  });
  it('throws for an OLLAMA_HOST that cannot be dialled', () => {
    expect(() => resolveHost({ env: 'ftp://x' })).toThrow(HostValueError);
    expect(() => resolveHost({ env: 'ftp://x' })).toThrow(/OLLAMA_HOST/);
  });
});

describe('parseHostFlag', () => {
  it('accepts usual forms', () => {
    expect(parseHostFlag('http://box:11434')).toBe('http://box:11434');
    expect(parseHostFlag('box')).toBe('http://box:11434');
    expect(parseHostFlag(':8080')).toBe('http://127.0.0.1:8080');
  });
  const garbage = ['', '   ', 'ftp://host', 'host:99999', 'host:abc', 'has space', 'http://a b:1', 'http://user@host', 'host:0'];
  it.each(garbage)('rejects %j with a sentence naming --host', (value) => {
    let caught: unknown;
    try {
      parseHostFlag(value);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(HostValueError);
    expect((caught as HostValueError).message).toMatch(/^--host/);
    expect((caught as HostValueError).source).toBe('flag');
  });
});
