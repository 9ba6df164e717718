/** Test-side entry to the fake Ollama server (the simulator itself lives in src/fake, shipped for --demo). */
export { startFakeOllama } from '../../src/fake/server.js';
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
