/** Loads the recorded Ollama streams in test/fixtures/recordings (test helper, not a test). */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RecordedChunk {
  dt_ms: number;
  content: string;
  thinking?: string;
}

export interface Recording {
  file: string;
  model: string;
  thinking_style: 'tags-in-content' | 'thinking-field';
  excerpt?: boolean;
  chunks: RecordedChunk[];
  final: Record<string, number | string | undefined>;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'recordings');

export function loadRecordings(): Recording[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<Recording, 'file'>) }));
}
