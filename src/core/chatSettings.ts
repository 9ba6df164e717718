/**
 * Per-conversation settings: a system prompt and the sampling options a user sets from inside the app
 * (Alt+S). Each field is validated from the text typed for it, with one specific sentence per problem;
 * an empty field means "the model's default" and is not sent.
 */
export interface SamplingOptions {
  temperature?: number;
  top_p?: number;
  seed?: number;
  num_predict?: number;
}

export interface ChatSettings {
  /** Sent as the first message ({ role: 'system' }) of every request of the conversation. */
  system?: string;
  options?: SamplingOptions;
}

export type SamplingKey = keyof SamplingOptions;

interface FieldRule {
  key: SamplingKey;
  /** What the field is for, shown beside it. */
  about: string;
  integer: boolean;
  min: number;
  max: number;
  /** The rule as words, for the error sentence. */
  range: string;
}

export const SAMPLING_FIELDS: readonly FieldRule[] = [
  { key: 'temperature', about: 'randomness; R1 is tuned for 0.5-0.7', integer: false, min: 0, max: 2, range: 'a number from 0 to 2' },
  { key: 'top_p', about: 'nucleus sampling cut-off', integer: false, min: 0, max: 1, range: 'a number from 0 to 1' },
  { key: 'seed', about: 'same seed + same prompt = same answer', integer: true, min: -2147483648, max: 2147483647, range: 'a whole number' },
  { key: 'num_predict', about: 'most tokens to generate; -1 no limit', integer: true, min: -2, max: 1_000_000, range: 'a whole number from -2 to 1000000' },
];

export type FieldCheck = { ok: true; value: number | undefined } | { ok: false; error: string };

/** Checks the text typed for one sampling field. Empty (or blank) = the model's default. */
export function parseSamplingField(key: SamplingKey, text: string): FieldCheck {
  const rule = SAMPLING_FIELDS.find((f) => f.key === key)!;
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  const value = Number(trimmed);
  const bad = !Number.isFinite(value) || (rule.integer && !Number.isInteger(value)) || value < rule.min || value > rule.max;
  if (bad || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) {
    return { ok: false, error: `${key} must be ${rule.range}, got "${trimmed.slice(0, 40)}" (leave it empty for the model's default)` };
  }
  return { ok: true, value };
}

/** Only the sampling options that are set, or undefined when none is. */
export function samplingOptions(settings: ChatSettings | undefined): SamplingOptions | undefined {
  const out: SamplingOptions = {};
  for (const { key } of SAMPLING_FIELDS) {
    const v = settings?.options?.[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The settings worth keeping: a non-blank system prompt and the options that are set. */
export function normalizeSettings(settings: ChatSettings | undefined): ChatSettings {
  const system = settings?.system?.trim() ? settings.system : undefined;
  const options = samplingOptions(settings);
  return { ...(system !== undefined ? { system } : {}), ...(options ? { options } : {}) };
}

export function hasSettings(settings: ChatSettings | undefined): boolean {
  const n = normalizeSettings(settings);
  return n.system !== undefined || n.options !== undefined;
}

/** Settings read back from a saved turn record (unknown keys and wrong types are dropped). */
export function settingsFromRecord(record: { system?: unknown; options?: Record<string, unknown> }): ChatSettings {
  const options: SamplingOptions = {};
  for (const { key } of SAMPLING_FIELDS) {
    const v = record.options?.[key];
    if (typeof v === 'number' && Number.isFinite(v)) options[key] = v;
  }
  return normalizeSettings({ ...(typeof record.system === 'string' ? { system: record.system } : {}), options });
}

/** One short line: `system prompt (42 chars) · temperature 0.6 · seed 7`, or `model defaults`. */
export function settingsSummary(settings: ChatSettings | undefined): string {
  const n = normalizeSettings(settings);
  const parts: string[] = [];
  if (n.system !== undefined) parts.push(`system prompt (${n.system.length} chars)`);
  for (const { key } of SAMPLING_FIELDS) if (n.options?.[key] !== undefined) parts.push(`${key} ${n.options[key]}`);
  return parts.length > 0 ? parts.join(' · ') : 'model defaults';
}
