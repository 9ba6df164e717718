/** Loads the recorded OpenAI-compatible streams in test/fixtures/openai-compatible (test helper). */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const OPENAI_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'openai-compatible');

export interface StreamRecording {
  file: string;
  chunks: Array<Record<string, unknown>>;
  done: boolean | null;
  is_single_stream?: boolean;
}

export function streamRecordingFiles(): string[] {
  return readdirSync(OPENAI_FIXTURES).filter((f) => f.endsWith('.json') && f !== 'error-bodies.json' && JSON.parse(readFileSync(join(OPENAI_FIXTURES, f), 'utf8')).sse === true);
}

export function loadStream(file: string): StreamRecording {
  return { file, ...(JSON.parse(readFileSync(join(OPENAI_FIXTURES, file), 'utf8')) as Omit<StreamRecording, 'file'>) };
}

export function fixtureText(file: string): string {
  return readFileSync(join(OPENAI_FIXTURES, file), 'utf8');
}

/** The recording as SSE bytes: one `data:` line per chunk, a blank line after each, `[DONE]` when recorded. */
export function sseText(rec: StreamRecording, eol = '\n'): string {
  let out = '';
  for (const c of rec.chunks) out += `data: ${JSON.stringify(c)}${eol}${eol}`;
  if (rec.done) out += `data: [DONE]${eol}${eol}`;
  return out;
}

/** Bytes cut into pieces of `size` (1 = byte by byte), as an async iterable body. */
export async function* bytesIn(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
