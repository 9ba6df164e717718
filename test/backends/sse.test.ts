/** The SSE reader: line ends, comments, multi-line data, end of body. */
import { describe, expect, it } from 'vitest';
import { SseParser, readSse } from '../../src/backends/openai/sse.js';
import { bytesIn } from './openaiRecordings.js';

async function all(text: string, size = 1e9) {
  const out = [];
  for await (const ev of readSse(bytesIn(text, size))) out.push(ev);
  return out;
}

describe('SSE reader', () => {
  it('reads LF, CRLF and CR line ends, also split between network chunks (byte by byte)', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `data: {"a":1}${eol}${eol}data: {"b":"é漢"}${eol}${eol}data: [DONE]${eol}${eol}`;
      for (const size of [1, 2, 3, 7, 1e9]) {
        expect((await all(text, size)).map((e) => e.data)).toEqual(['{"a":1}', '{"b":"é漢"}', '[DONE]']);
      }
    }
  });

  it('a CR at the end of one chunk and the LF at the start of the next are one line end', () => {
    const p = new SseParser();
    const enc = new TextEncoder();
    expect(p.push(enc.encode('data: x\r'))).toEqual([]);
    expect(p.push(enc.encode('\n\r'))).toEqual([{ data: 'x' }]);
    expect(p.push(enc.encode('\ndata: y\n\n'))).toEqual([{ data: 'y' }]);
  });

  it('ignores comments, joins multi-line data with \\n, drops one space after the colon, reads event:', async () => {
    const text = ': ping\n\n:another\ndata:first\ndata:  second\nevent: message\nid: 7\n\n';
    expect(await all(text, 3)).toEqual([{ data: 'first\n second', event: 'message' }]);
  });

  it('an event not followed by a blank line is still dispatched at the end of the body', async () => {
    expect((await all('data: {"a":1}\n\ndata: {"b":2}')).map((e) => e.data)).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('a blank line with no data dispatches nothing', async () => {
    expect(await all('\n\n\r\n: c\n\n')).toEqual([]);
  });

  it('an error of the body propagates after the events before it', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('data: {"a":1}\n\ndata: {"b"');
      throw new Error('terminated');
    }
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const ev of readSse(broken())) seen.push(ev.data);
      })(),
    ).rejects.toThrow('terminated');
    expect(seen).toEqual(['{"a":1}']);
  });
});
