/** Test-side entry to the fake Ollama server (the simulator itself lives in src/fake, shipped for --demo). */
import { afterEach } from 'vitest';
import { startFakeOllama, type FakeOllama, type FakeOptions } from '../../src/fake/server.js';

export { startFakeOllama };

export { defaultModels, registryExtras, withPlacement, digestOf } from '../../src/fake/models.js';
export { scriptFromText, syntheticScript, loopingScript, longScript, demoScript, greetingScript } from '../../src/fake/scripts.js';
export { demoFakeOptions } from '../../src/fake/demo.js';
export { BUSY_MESSAGE } from '../../src/fake/chat.js';
export { MANIFEST_MISSING } from '../../src/fake/pull.js';
export type {
  FakeChunk,
  FakeScript,
  FakeModel,
  FakeOptions,
  FakeFault,
  FakeOllama,
  RecordedRequest,
  ThinkingStyle,
} from '../../src/fake/types.js';
export { recordingScript, loadRecording, recordingFiles, fullRecordingFiles, replayStyleOf, type Recording } from './recordings.js';
export { readNdjson, postJson, json } from './httpHelpers.js';

/**
 * The setup the fake's tests share: call once at the top of a test file; the returned function starts a
 * fake Ollama that is closed after the test (closing one twice is harmless).
 */
export function fakesClosedAfterEach(): (opts?: FakeOptions) => Promise<FakeOllama> {
  const started: FakeOllama[] = [];
  afterEach(async () => {
    for (const f of started.splice(0).reverse()) await f.close();
  });
  return async (opts = {}) => {
    const f = await startFakeOllama(opts);
    started.push(f);
    return f;
  };
}
