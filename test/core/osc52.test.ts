import { describe, expect, it } from 'vitest';
import { base64Utf8, multiplexerOf, osc52Raw, osc52Sequence, screenPassthrough, tmuxPassthrough } from '../../src/core/osc52.js';
import { fencedCodeBlocks } from '../../src/core/markdownBlocks.js';

const ESC = '\u001B';

describe('OSC 52', () => {
  it('encodes UTF-8 as base64, BEL-terminated', () => {
    expect(base64Utf8('hello')).toBe('aGVsbG8=');
    expect(base64Utf8('中文')).toBe('5Lit5paH');
    expect(osc52Sequence('hello', {})).toEqual({ ok: true, sequence: `${ESC}]52;c;aGVsbG8=\u0007`, base64Bytes: 8, multiplexer: 'none' });
  });
  it('in tmux: the plain sequence plus the passthrough DCS with every ESC doubled', () => {
    const raw = osc52Raw('aGk=');
    expect(tmuxPassthrough(raw)).toBe(`${ESC}Ptmux;${ESC}${ESC}]52;c;aGk=\u0007${ESC}\\`);
    const r = osc52Sequence('hi', { TMUX: '/tmp/tmux-1000/default,1,0', TERM: 'screen-256color' });
    expect(r).toMatchObject({ ok: true, multiplexer: 'tmux', sequence: raw + tmuxPassthrough(raw) });
  });
  it('in screen (not tmux): DCS chunks', () => {
    expect(multiplexerOf({ TERM: 'screen.xterm-256color' })).toBe('screen');
    expect(multiplexerOf({ TERM: 'xterm-256color' })).toBe('none');
    const raw = osc52Raw(base64Utf8('x'.repeat(200)));
    const out = screenPassthrough(raw, 76);
    const chunks = out.split(`${ESC}\\`).filter(Boolean);
    expect(chunks.every((c) => c.startsWith(`${ESC}P`) && c.length <= 78)).toBe(true);
    expect(chunks.map((c) => c.slice(2)).join('')).toBe(raw);
    expect(osc52Sequence('x'.repeat(200), { TERM: 'screen' })).toMatchObject({ ok: true, sequence: out });
  });
  it('refuses text above the size cap', () => {
    expect(osc52Sequence('x'.repeat(75_001), {})).toEqual({ ok: false, reason: 'too-large', base64Bytes: 100_004 });
    expect(osc52Sequence('x'.repeat(75_000), {}).ok).toBe(true);
  });
});

describe('fencedCodeBlocks', () => {
  it('finds blocks with their language, including an unclosed last one', () => {
    const text = 'intro\n```ts\nconst a = 1;\n```\ntext\n~~~\nplain\n~~~\n````python\nprint(1)\n```\nstill\n````\n```bash\necho hi';
    expect(fencedCodeBlocks(text)).toEqual([
      { lang: 'ts', code: 'const a = 1;' },
      { lang: '', code: 'plain' },
      { lang: 'python', code: 'print(1)\n```\nstill' },
      { lang: 'bash', code: 'echo hi' },
    ]);
  });
});
