/** Which model to use at start, and facts read from /api/show. */
import { shapeFromModelInfo } from '../core/fitEstimate.js';
import type { PsModel, ShowInfo, TagModel } from '../backends/ollama/types.js';
import type { ModelFacts } from './modelTypes.js';

/**
 * Why the current model was picked (data the keys compare, never display text): from --model
 * (installed or not), loaded now, the first deepseek-r1 installed, the first installed, chosen by you, or
 * kept across a host switch (the new host has the same model).
 */
export type ModelReason = 'flag' | 'flagMissing' | 'loaded' | 'firstR1' | 'first' | 'chosen' | 'hostSwitch';

export interface ModelChoice {
  current: string | undefined;
  reason: ModelReason | undefined;
  /** A warning the user must see (flag model missing, nothing installed). */
  notice?: string;
}

/** Ollama names default to the `latest` tag. */
export function sameModel(a: string, b: string): boolean {
  const norm = (n: string) => (n.includes(':') ? n : `${n}:latest`);
  return norm(a) === norm(b);
}

export function isInstalled(installed: readonly TagModel[], name: string): boolean {
  return installed.some((m) => sameModel(m.name, name) || sameModel(m.model, name));
}

export function isDeepSeekR1(name: string): boolean {
  return /(^|\/)deepseek-r1(:|$)/i.test(name);
}

export function chooseModel(input: { installed: readonly TagModel[]; loaded: readonly PsModel[]; flag?: string | undefined; host: string }): ModelChoice {
  const { installed, loaded, flag, host } = input;
  if (flag) {
    if (isInstalled(installed, flag)) return { current: flag, reason: 'flag' };
    return {
      current: flag,
      reason: 'flagMissing',
      notice: `Model ${flag} is not installed on ${host}. Press Ctrl+P, then Enter to pull it here (or run \`ollama pull ${flag}\`; Ctrl+P also lists the installed models).`,
    };
  }
  const loadedNow = loaded.find((p) => isInstalled(installed, p.name)) ?? loaded[0];
  if (loadedNow) return { current: loadedNow.name, reason: 'loaded' };
  const r1 = installed.find((m) => isDeepSeekR1(m.name));
  if (r1) return { current: r1.name, reason: 'firstR1' };
  const first = installed[0];
  if (first) return { current: first.name, reason: 'first' };
  return {
    current: undefined,
    reason: undefined,
    notice: `No models are installed on ${host}. Pull one with \`ollama pull deepseek-r1:8b\` (then press Ctrl+P).`,
  };
}

/** `<arch>.block_count` from model_info, when present. */
export function blockCountOf(show: ShowInfo): number | undefined {
  const arch = show.modelInfo['general.architecture'];
  if (typeof arch === 'string') {
    const n = show.modelInfo[`${arch}.block_count`];
    if (typeof n === 'number') return n;
  }
  for (const [key, value] of Object.entries(show.modelInfo)) {
    if (key.endsWith('.block_count') && typeof value === 'number') return value;
  }
  return undefined;
}

export function quantizationOf(installed: readonly TagModel[], name: string | undefined): string | undefined {
  if (!name) return undefined;
  return installed.find((m) => sameModel(m.name, name))?.details.quantization_level || undefined;
}

/** The /api/show facts the picker and the fit estimate use. */
export function factsOf(show: ShowInfo): ModelFacts {
  const facts: ModelFacts = { capabilities: show.capabilities ?? [] };
  const d = show.details ?? {};
  if (d.family) facts.family = d.family;
  if (d.parameter_size) facts.parameterSize = d.parameter_size;
  if (d.quantization_level) facts.quantization = d.quantization_level;
  const shape = shapeFromModelInfo(show.modelInfo ?? {});
  if (shape) facts.shape = shape;
  return facts;
}
