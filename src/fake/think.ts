import { normalizeName } from './models.js';
import type { FakeModel, ThinkingStyle } from './types.js';

/** Compare dotted versions ("0.12.6", "0.11.0-rc1"): negative, 0 or positive. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => v.replace(/^v/, '').split('-')[0]!.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const atLeast = (version: string, min: string) => compareVersions(version, min) >= 0;

export interface ThinkError {
  status: number;
  error: string;
}

/**
 * Checks done while decoding the body (before the model lookup): string values need v0.11+,
 * unknown strings are rejected with the version's list of levels.
 */
export function validateThinkValue(think: unknown, version: string): ThinkError | undefined {
  if (think === undefined || think === null || typeof think === 'boolean') return undefined;
  if (!atLeast(version, '0.9.0')) return undefined; // the field did not exist: ignored
  if (typeof think !== 'string' || !atLeast(version, '0.11.0')) {
    const type = typeof think === 'string' ? 'string' : Array.isArray(think) ? 'array' : typeof think;
    return { status: 400, error: `json: cannot unmarshal ${type} into Go struct field ChatRequest.think of type bool` };
  }
  const levels = atLeast(version, '0.22.0') ? ['high', 'medium', 'low', 'max'] : ['high', 'medium', 'low'];
  if (!levels.includes(think)) {
    const list = levels.map((l) => `"${l}"`).join(', ');
    return { status: 400, error: `invalid think value: ${JSON.stringify(think)} (must be ${list}, true, or false)` };
  }
  return undefined;
}

/** The capability check for models without `thinking`, by version (Ollama's `"X" does not support thinking` 400). */
export function checkThinkCapability(think: unknown, model: FakeModel, sentName: string, version: string): ThinkError | undefined {
  if (think === undefined || think === null || model.capabilities.includes('thinking')) return undefined;
  if (!atLeast(version, '0.9.0')) return undefined;
  const wantsThinking = think !== false;
  if (atLeast(version, '0.12.5')) {
    return wantsThinking ? { status: 400, error: `${JSON.stringify(sentName)} does not support thinking` } : undefined;
  }
  if (atLeast(version, '0.12.4')) return { status: 400, error: `${JSON.stringify(sentName)} does not support thinking` };
  if (!wantsThinking) return undefined;
  return { status: 400, error: `registry.ollama.ai/library/${normalizeName(sentName)} does not support thinking` };
}

/**
 * How reasoning comes out for this request. `override` (FakeOptions.thinkingStyle) applies
 * whenever think is not false and the model can think.
 */
export function thinkingStyleFor(think: unknown, model: FakeModel, version: string, override?: ThinkingStyle): ThinkingStyle {
  if (think === false && atLeast(version, '0.9.0')) return 'none';
  if (!model.capabilities.includes('thinking')) return 'none';
  if (override) return override;
  if (!atLeast(version, '0.9.0')) return 'tags';
  const omitted = think === undefined || think === null;
  if (!omitted) return 'field';
  return atLeast(version, '0.12.4') ? 'field' : 'tags';
}

/** Not-found message by version (v0.12.0 changed it). */
export function modelNotFound(sentName: string, version: string): string {
  return atLeast(version, '0.12.0') ? `model '${sentName}' not found` : `model "${sentName}" not found, try pulling it first`;
}
