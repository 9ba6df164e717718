import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { FakeChunk, FakeScript } from '../../src/fake/types.js';

/** One recorded stream (format: test/fixtures/recordings/README). */
export interface Recording {
  file: string;
  model: string;
  endpoint: string;
  prompt: string | null;
  server_version: string | null;
  thinking_style: 'tags-in-content' | 'thinking-field';
  chunk_count: number;
  truncated?: boolean;
  excerpt?: boolean;
  chunks: { dt_ms: number; content: string; thinking?: string; gap_before?: boolean }[];
  final: Record<string, number | string> & { dt_ms?: number };
}

export const RECORDINGS_DIR = fileURLToPath(new URL('../fixtures/recordings/', import.meta.url));

export function recordingFiles(): string[] {
  return readdirSync(RECORDINGS_DIR).filter((f) => f.endsWith('.json')).sort();
}

/** Full streams only (the two `*-excerpt.json` files were cut in the middle by their authors). */
export function fullRecordingFiles(): string[] {
  return recordingFiles().filter((f) => !f.includes('-excerpt'));
}

export function loadRecording(file: string): Recording {
  const data = JSON.parse(readFileSync(join(RECORDINGS_DIR, file), 'utf8')) as Omit<Recording, 'file'>;
  return { ...data, file };
}

const METRIC_KEYS = ['total_duration', 'load_duration', 'prompt_eval_count', 'prompt_eval_duration', 'eval_count', 'eval_duration'] as const;

/**
 * A recording as a FakeScript: chunk text byte for byte, the recorded gaps, and the recorded
 * final metrics. Replay it with thinkingStyle 'tags' (tags-in-content) or 'field' (thinking-field)
 * to get the stream back unchanged.
 */
export function recordingScript(rec: Recording | string): FakeScript {
  const r = typeof rec === 'string' ? loadRecording(rec) : rec;
  const chunks: FakeChunk[] = r.chunks.map((c) =>
    c.thinking !== undefined ? { dtMs: c.dt_ms, content: c.content, thinking: c.thinking } : { dtMs: c.dt_ms, content: c.content },
  );
  const final: FakeScript['final'] = {};
  for (const key of METRIC_KEYS) {
    const v = r.final[key];
    if (typeof v === 'number') final[key] = v;
  }
  if (typeof r.final.done_reason === 'string') final.done_reason = r.final.done_reason;
  return { chunks, final, doneDtMs: typeof r.final.dt_ms === 'number' ? r.final.dt_ms : undefined };
}

/** The thinking style that replays a recording unchanged. */
export function replayStyleOf(rec: Recording): 'tags' | 'field' {
  return rec.thinking_style === 'thinking-field' ? 'field' : 'tags';
}
