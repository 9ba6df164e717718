import { describe, expect, it } from 'vitest';
import { publicHost, resolveHostList, stripCredentials } from '../../src/session/hostList.js';

const configHosts = [
  { name: 'gpu-box', url: 'http://10.0.0.5:11434' },
  { name: 'vllm-head', url: 'http://10.0.0.9:8000/v1', backend: 'vllm' as const, apiKey: 'sk-config' },
];

describe('resolveHostList', () => {
  it('first --host first, then the other flags, then the config hosts; a flag may name a config host; one entry per URL', () => {
    const list = resolveHostList({ flags: ['vllm-head', '127.0.0.1:11500'], configHosts });
    expect(list.map((h) => [h.name, h.url, h.source])).toEqual([
      ['vllm-head', 'http://10.0.0.9:8000/v1', 'flag'],
      ['127.0.0.1:11500', 'http://127.0.0.1:11500', 'flag'],
      ['gpu-box', 'http://10.0.0.5:11434', 'config'],
    ]);
    expect(list[0]).toMatchObject({ backend: 'vllm', apiKey: 'sk-config' });
  });

  it('without flags: OLLAMA_HOST, else the config host, else the first config host, else the default', () => {
    expect(resolveHostList({ env: 'box:1', configHost: 'cfg:2', configHosts })[0]).toMatchObject({ url: 'http://box:1', source: 'env' });
    expect(resolveHostList({ configHost: 'cfg:2', configHosts })[0]).toMatchObject({ url: 'http://cfg:2', source: 'flag' });
    expect(resolveHostList({ configHosts })[0]).toMatchObject({ name: 'gpu-box', source: 'config' });
    expect(resolveHostList({})).toEqual([{ name: '127.0.0.1:11434', url: 'http://127.0.0.1:11434', source: 'default' }]);
  });

  it('--backend and --api-key go with the first host only (the flag beats the config key)', () => {
    const list = resolveHostList({ flags: ['vllm-head', 'gpu-box'], configHosts, apiKey: 'sk-flag', backend: 'sglang' });
    expect(list[0]).toMatchObject({ name: 'vllm-head', apiKey: 'sk-flag', backend: 'sglang' });
    expect(list[1]!.apiKey).toBeUndefined();
    expect(list[1]!.backend).toBeUndefined();
  });

  it('a bad value is a sentence naming it', () => {
    expect(() => resolveHostList({ flags: ['http://a:99999'] })).toThrow(/99999/);
  });

  it('what may be shown or saved has no key and no user:password', () => {
    const shown = publicHost({ name: 'h', url: 'http://u:sk-SECRET@box:8000/v1', apiKey: 'sk-SECRET' } as never);
    expect(shown).toEqual({ name: 'h', url: 'http://box:8000/v1' });
    expect(JSON.stringify(shown)).not.toContain('SECRET');
    expect(stripCredentials('https://box/ollama')).toBe('https://box/ollama');
  });
});

describe('nameOfUrl', () => {
  it('host:port, without the scheme, credentials or a /v1 suffix', async () => {
    const { nameOfUrl } = await import('../../src/session/hostList.js');
    expect(nameOfUrl('http://10.0.0.5:11434/')).toBe('10.0.0.5:11434');
    expect(nameOfUrl('http://u:k@box:8000/v1')).toBe('box:8000');
    expect(nameOfUrl('https://host/ollama')).toBe('host/ollama');
  });
});
