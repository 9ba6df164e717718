import { describe, expect, it } from 'vitest';
import { buildMessages } from '../../src/session/history.js';
import { blockCountOf, chooseModel, isDeepSeekR1, sameModel } from '../../src/session/modelChoice.js';
import { defaultThink, nextThink, thinkOptions } from '../../src/session/thinkPolicy.js';
import type { Turn } from '../../src/session/types.js';
import { compareVersions, serverAcceptsThinkLevels } from '../../src/session/version.js';
import type { PsModel, TagModel } from '../../src/backends/ollama/types.js';

function turn(p: Partial<Turn>): Turn {
  return { id: 1, user: 'q', model: 'm', thinking: '', answer: '', status: 'done', startedAt: 0, thinkingTokens: 0, answerTokens: 0, rev: 0, ...p };
}
const tag = (name: string): TagModel => ({ name, model: name, size: 1, digest: 'd', details: {} });
const ps = (name: string): PsModel => ({ name, model: name, size: 1, size_vram: 1, digest: 'd', details: {}, expires_at: '' });

describe('buildMessages', () => {
  const past = [
    turn({ user: 'a', thinking: 'think a', answer: 'answer a' }),
    turn({ user: 'b', thinking: 'think b', answer: '', status: 'error', error: 'x' }),
    turn({ user: 'c', thinking: 'think c', answer: 'partial c', status: 'stopped' }),
  ];
  it('sends user + answer only, skipping turns without an answer', () => {
    expect(buildMessages(past, 'd')).toEqual([
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'answer a' },
      { role: 'user', content: 'c' },
      { role: 'assistant', content: 'partial c' },
      { role: 'user', content: 'd' },
    ]);
  });
  it('keepReasoning adds thinking; a system prompt goes first', () => {
    const m = buildMessages(past, 'd', { keepReasoning: true, system: 'be brief' });
    expect(m[0]).toEqual({ role: 'system', content: 'be brief' });
    expect(m[2]).toEqual({ role: 'assistant', content: 'answer a', thinking: 'think a' });
  });
});

describe('think policy', () => {
  it('offers levels only on 0.11+ and only until rejected', () => {
    expect(thinkOptions(['completion', 'thinking'], '0.12.6', false)).toEqual([true, false, 'low', 'medium', 'high']);
    expect(thinkOptions(['completion', 'thinking'], '0.10.1', false)).toEqual([true, false]);
    // "max" from 0.21.3 (commit c2ebb4d57; the v0.21.3-rc0 tag counts, first release v0.22.0)
    expect(thinkOptions(['thinking'], '0.21.2', false)).toEqual([true, false, 'low', 'medium', 'high']);
    expect(thinkOptions(['thinking'], '0.21.3-rc0', false)).toEqual([true, false, 'low', 'medium', 'high', 'max']);
    expect(thinkOptions(['thinking'], '0.22.0', false)).toEqual([true, false, 'low', 'medium', 'high', 'max']);
    expect(thinkOptions(['thinking'], '0.22.0', true)).toEqual([true, false]);
    expect(thinkOptions(['completion', 'thinking'], '0.12.6', true)).toEqual([true, false]);
    expect(thinkOptions(['completion'], '0.12.6', false)).toEqual([]);
    expect(thinkOptions(undefined, '0.12.6', false)).toEqual([]);
  });
  it('defaults to on, keeps a preference the model allows, leaves think out without capability', () => {
    expect(defaultThink([true, false], undefined)).toBe(true);
    expect(defaultThink([true, false], false)).toBe(false);
    expect(defaultThink([true, false], 'high')).toBe(true);
    expect(defaultThink([], true)).toBeUndefined();
  });
  it('cycles on → off → levels → on', () => {
    const opts = thinkOptions(['thinking'], '0.12.6', false);
    const seen = [];
    let v = defaultThink(opts, undefined);
    for (let i = 0; i < 6; i++) {
      seen.push(v);
      v = nextThink(v, opts);
    }
    expect(seen).toEqual([true, false, 'low', 'medium', 'high', true]);
  });
  it('compares versions', () => {
    expect(compareVersions('0.12.6', '0.11.0')).toBe(1);
    expect(compareVersions('0.11.0-rc1', '0.11.0')).toBe(0);
    expect(compareVersions('0.9.0', '0.11.0')).toBe(-1);
    expect(serverAcceptsThinkLevels(undefined)).toBe(false);
  });
});

describe('chooseModel', () => {
  const host = 'http://h:1';
  it('uses an installed --model', () => {
    expect(chooseModel({ installed: [tag('a:1'), tag('deepseek-r1:8b')], loaded: [], flag: 'a:1', host })).toEqual({ current: 'a:1', reason: 'flag' });
  });
  it('keeps a missing --model and says how to pull it', () => {
    const c = chooseModel({ installed: [tag('a:1')], loaded: [ps('a:1')], flag: 'deepseek-r1:70b', host });
    expect(c.current).toBe('deepseek-r1:70b');
    expect(c.notice).toMatch(/ollama pull deepseek-r1:70b/);
  });
  it('then a loaded model, then the first deepseek-r1, then the first model', () => {
    expect(chooseModel({ installed: [tag('a:1'), tag('b:1')], loaded: [ps('b:1')], host })).toMatchObject({ current: 'b:1', reason: 'loaded' });
    expect(chooseModel({ installed: [tag('a:1'), tag('deepseek-r1:32b'), tag('deepseek-r1:8b')], loaded: [], host })).toMatchObject({
      current: 'deepseek-r1:32b',
      reason: 'firstR1',
    });
    expect(chooseModel({ installed: [tag('a:1'), tag('b:1')], loaded: [], host })).toMatchObject({ current: 'a:1' });
  });
  it('no models: tells the user to pull deepseek-r1:8b', () => {
    const c = chooseModel({ installed: [], loaded: [], host });
    expect(c.current).toBeUndefined();
    expect(c.notice).toMatch(/ollama pull deepseek-r1:8b/);
  });
  it('matches names with the implied :latest tag', () => {
    expect(sameModel('llama3', 'llama3:latest')).toBe(true);
    expect(isDeepSeekR1('deepseek-r1')).toBe(true);
    expect(isDeepSeekR1('my-deepseek-r1x:1')).toBe(false);
  });
  it('reads <arch>.block_count', () => {
    expect(blockCountOf({ capabilities: [], details: {}, modelInfo: { 'general.architecture': 'qwen2', 'qwen2.block_count': 64 } })).toBe(64);
    expect(blockCountOf({ capabilities: [], details: {}, modelInfo: {} })).toBeUndefined();
  });
});
