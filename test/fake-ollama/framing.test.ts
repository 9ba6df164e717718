import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type FakeOllama, fakesClosedAfterEach } from './index.js';

const startFake = fakesClosedAfterEach();

/** Raw HTTP/1.1 over a socket: the individual `data` events (TCP reads) and the de-chunked body. */
async function rawChat(f: FakeOllama, body: unknown): Promise<{ reads: Buffer[]; head: string; body: Buffer }> {
  const payload = JSON.stringify(body);
  const reads: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const socket = connect(f.port, '127.0.0.1', () => {
      socket.write(
        `POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
      );
    });
    socket.on('data', (d) => reads.push(d));
    socket.on('end', () => resolve());
    socket.on('error', reject);
  });
  const all = Buffer.concat(reads);
  const split = all.indexOf('\r\n\r\n');
  const head = all.subarray(0, split).toString('latin1');
  let rest = all.subarray(split + 4);
  const parts: Buffer[] = [];
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.subarray(0, eol).toString('latin1'), 16);
    if (size === 0) break;
    parts.push(rest.subarray(eol + 2, eol + 2 + size));
    rest = rest.subarray(eol + 2 + size + 2);
  }
  return { reads, head, body: Buffer.concat(parts) };
}

/** A read whose last HTTP chunk ends right after a UTF-8 lead byte: a character cut in two. */
const endsInsideCharacter = (b: Buffer) => b.length >= 3 && b[b.length - 2] === 0x0d && b[b.length - 1] === 0x0a && b[b.length - 3]! >= 0xc0;
/** A read whose last HTTP chunk does not end a line. */
const endsInsideLine = (b: Buffer) => b.length >= 3 && b[b.length - 2] === 0x0d && b[b.length - 3] !== 0x0a;

describe('fake ollama: NDJSON framing over the wire', () => {
  it('splits lines and multi-byte characters across socket writes; the body still parses', async () => {
    const fake = await startFake({ tokensPerSecond: 200 });
    const { reads, head, body } = await rawChat(fake, { model: 'deepseek-r1:8b', messages: [{ role: 'user', content: '请用中文解释蒸馏' }] });
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(head.toLowerCase()).toContain('content-type: application/x-ndjson');
    expect(head.toLowerCase()).toContain('transfer-encoding: chunked');
    const text = body.toString('utf8');
    const lines = text.split('\n').filter((l) => l !== '');
    const objects = lines.map((l) => JSON.parse(l));
    expect(objects.at(-1).done).toBe(true);
    expect(objects.map((o) => o.message.thinking ?? '').join('')).toMatch(/[，。]/);
    expect(reads.length).toBeGreaterThan(lines.length);
    expect(reads.some(endsInsideLine)).toBe(true);
    expect(reads.some(endsInsideCharacter)).toBe(true);
  });

  it('with splitWrites:false every write is whole lines', async () => {
    const fake = await startFake({ tokensPerSecond: 200, splitWrites: false });
    const { reads, body } = await rawChat(fake, { model: 'deepseek-r1:8b', messages: [{ role: 'user', content: '中文' }] });
    expect(body.toString('utf8').endsWith('\n')).toBe(true);
    expect(reads.some(endsInsideCharacter)).toBe(false);
    expect(reads.some(endsInsideLine)).toBe(false);
  });
});
