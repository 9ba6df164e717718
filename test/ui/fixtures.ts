/** Fixture turns and app states for the panel tests. */
import type { PsModel } from '../../src/backends/ollama/types.js';
import type { AppState, SystemSample, Turn } from '../../src/session/types.js';
import type { FinalMetrics } from '../../src/core/chatTypes.js';

export const GiB = 1024 ** 3;

export function makeTurn(over: Partial<Turn> = {}): Turn {
  return {
    id: 1,
    user: 'What is distillation?',
    model: 'deepseek-r1:32b',
    thinking: '',
    answer: '',
    status: 'done',
    startedAt: 1_000,
    thinkingTokens: 0,
    answerTokens: 0,
    rev: 1,
    ...over,
  };
}

/** A finished turn: thought from 3 s to 44 s (41 s, 1,830 tokens), answered until 86 s. */
export function thoughtTurn(over: Partial<Turn> = {}): Turn {
  return makeTurn({
    thinking: 'Okay, the user asks about distillation. Let me recall how the teacher generates samples.',
    answer: 'Distillation fine-tunes a small student model.',
    firstChunkAt: 3_000,
    firstThinkingAt: 3_000,
    lastThinkingAt: 44_000,
    firstAnswerAt: 44_200,
    endedAt: 86_000,
    thinkingTokens: 1830,
    answerTokens: 70,
    metrics: VERBOSE_METRICS,
    ...over,
  });
}

/** A composed `ollama run --verbose` example: eval 187 tokens in 3.8013255 s → 49.19 tokens/s. */
export const VERBOSE_METRICS: FinalMetrics = {
  totalDuration: 3_912_457_100,
  loadDuration: 21_873_400,
  promptEvalCount: 14,
  promptEvalDuration: 48_110_200,
  evalCount: 187,
  evalDuration: 3_801_325_500,
};

export const PS_SPLIT: PsModel = {
  name: 'deepseek-r1:32b',
  model: 'deepseek-r1:32b',
  size: 20_000_000_000,
  size_vram: 10_400_000_000,
  digest: '38056bbcbb2d068501ecb2d5ea9cea9dd4847465f1ab88c4d4a412a9f7792717',
  details: { family: 'qwen2', parameter_size: '32.8B', quantization_level: 'Q4_K_M' },
  expires_at: '2026-11-28T12:04:59.500Z',
  context_length: 4096,
};

/** Wall clock 5 minutes before PS_SPLIT expires (minus half a second: `4 minutes from now`). */
export const CLOCK = new Date('2026-11-28T12:00:00.000Z');

export const SYSTEM_GPU: SystemSample = {
  at: 0,
  cpuPercent: 92,
  memTotal: 62.8 * GiB,
  memUsed: 41.2 * GiB,
  swapTotal: 8 * GiB,
  swapUsed: 0,
  ollamaRss: 35 * GiB,
  gpus: [{ name: 'NVIDIA GeForce RTX 3070', usedBytes: 7.6 * GiB, totalBytes: 8 * GiB, utilPercent: 40 }],
};

export function makeState(over: Partial<AppState> = {}): AppState {
  return {
    connection: { host: 'http://127.0.0.1:11434', hostSource: 'default', status: 'connected', demo: false },
    model: { current: 'deepseek-r1:32b', installed: [], think: true, blockCount: 64 },
    turns: [],
    phase: 'idle',
    phaseSince: 0,
    placement: { models: [PS_SPLIT], fetchedAt: 1 },
    rates: { history: [1.4, 1.5, 1.62, 1.7, 1.6, 1.5, 1.45, 1.55] },
    system: SYSTEM_GPU,
    notice: null,
    loop: null,
    ...over,
  };
}

/** A finished turn state (exact metrics). */
export function doneState(over: Partial<AppState> = {}): AppState {
  return makeState({ turns: [thoughtTurn()], ...over });
}

/** A streaming turn, answering, with live estimates. */
export function streamingState(over: Partial<AppState> = {}): AppState {
  const turn = thoughtTurn({
    status: 'streaming',
    metrics: undefined,
    endedAt: undefined,
    answerTokens: 20,
  });
  return makeState({
    turns: [turn],
    phase: 'answering',
    phaseSince: 44_200,
    rates: { history: [1.4, 1.5], rate: 1.62, thinkingRate: 1.58, answerRate: 1.66 },
    ...over,
  });
}

export const PS_FULL_GPU: PsModel = { ...PS_SPLIT, name: 'deepseek-r1:8b', model: 'deepseek-r1:8b', size: 6_000_000_000, size_vram: 6_000_000_000 };
export const PS_CPU_ONLY: PsModel = { ...PS_SPLIT, size: 36_000_000_000, size_vram: 0 };

export const SYSTEM_NO_GPU: SystemSample = { ...SYSTEM_GPU, gpus: [], gpuNote: 'none' };
export const SYSTEM_REMOTE: SystemSample = { ...SYSTEM_GPU, gpus: [], gpuNote: 'remote', ollamaRss: null };
export const SYSTEM_UNIFIED: SystemSample = { ...SYSTEM_GPU, gpus: [], gpuNote: 'unified' };

/** Named fixture states the panel and component tests run through. */
export function fixtureStates(): Array<[string, AppState]> {
  return [
    ['split, done', doneState()],
    ['split, streaming', streamingState()],
    ['full GPU', doneState({ model: { current: 'deepseek-r1:8b', installed: [], think: true, blockCount: 36 }, placement: { models: [PS_FULL_GPU], fetchedAt: 1 } })],
    ['CPU only', doneState({ placement: { models: [PS_CPU_ONLY], fetchedAt: 1 } })],
    ['remote host', doneState({ system: SYSTEM_REMOTE })],
    ['no GPU', doneState({ system: SYSTEM_NO_GPU })],
    ['system null', streamingState({ system: null })],
    ['not loaded', makeState({ placement: { models: [], fetchedAt: 1 } })],
  ];
}
