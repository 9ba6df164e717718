/**
 * The config file, $XDG_CONFIG_HOME/r1-tui/config.json (default ~/.config/r1-tui/config.json).
 * Checked by hand, one precise error per problem: `FILE:LINE: field "think": expected true, false,
 * "low", "medium" or "high", got "maybe"`. A missing file is an empty config. Precedence (see
 * mergeSettings): flags > config > defaults; OLLAMA_HOST still beats the config's host, like a flag.
 */
import { JsonPositionError, parseJsonWithPosition } from '../core/jsonText.js';
import { MAX_CONFIG_BYTES, readRegularFile } from './safeFiles.js';
import { resolveKeyOverrides, type KeyBindings } from '../core/keyBindings.js';
import { MODEL_NAME_PATTERN } from '../core/modelName.js';
import { THEME_NAME_PATTERN } from '../core/themeName.js';
import type { ThinkValue } from '../core/chatTypes.js';
import { checkHosts, hostsEntryOffset, hostsFieldPath, type HostConfig } from './configHosts.js';

export type ReasoningModeSetting = 'auto' | 'folded' | 'open';
/** Where the performance figures go at 100 columns and more: beside the chat, or a band above it. */
export type LayoutSetting = 'side' | 'band';

export interface Config {
  host?: string;
  model?: string;
  theme?: string;
  reasoningMode?: ReasoningModeSetting;
  /** "side" (default) or "band": the performance panel as a full-width band above the chat. */
  layout?: LayoutSetting;
  think?: ThinkValue;
  /** Ollama keep_alive: a Go duration ("5m", "1h30m", "-1") or seconds. */
  keepAlive?: string | number;
  numCtx?: number;
  keepReasoning?: boolean;
  /** Key bindings: action name → key spec or list of them ({"regenerate": "alt+g"}); see src/core/keyBindings.ts. */
  keys?: Record<string, string | string[]>;
  /** Servers for the host switcher (Alt+H), --host NAME and bench --hosts (see configHosts.ts). */
  hosts?: HostConfig[];
}

export type ConfigResult = { ok: true; config: Config; path: string; found: boolean } | { ok: false; error: string };

type Check = (value: unknown) => string | undefined;

const describe = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v));

const nonEmptyString = (what: string, pattern?: RegExp): Check => (v) =>
  typeof v === 'string' && v.trim() !== '' && (!pattern || pattern.test(v.trim())) ? undefined : `expected ${what}, got ${describe(v)}`;

const CHECKS: Record<keyof Config, Check> = {
  host: nonEmptyString('a host like "127.0.0.1:11434" or "http://box:11434"', /^[^\s\u0000-\u001f]+$/),
  model: nonEmptyString('a model name like "deepseek-r1:32b"', MODEL_NAME_PATTERN),
  theme: nonEmptyString('a theme name from themes/ (letters, digits, - and _)', THEME_NAME_PATTERN),
  reasoningMode: (v) => (v === 'auto' || v === 'folded' || v === 'open' ? undefined : `expected "auto", "folded" or "open", got ${describe(v)}`),
  layout: (v) => (v === 'side' || v === 'band' ? undefined : `expected "side" or "band", got ${describe(v)}`),
  think: (v) => (typeof v === 'boolean' || v === 'low' || v === 'medium' || v === 'high' || v === 'max' ? undefined : `expected true, false, "low", "medium", "high" or "max", got ${describe(v)}`),
  keepAlive: (v) =>
    (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$|^-?\d+$/.test(v))
      ? undefined
      : `expected a duration like "5m", "1h", "-1" (forever) or a number of seconds, got ${describe(v)}`,
  numCtx: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 256 && v <= 2_097_152 ? undefined : `expected a whole number of tokens from 256 to 2097152, got ${describe(v)}`),
  keepReasoning: (v) => (typeof v === 'boolean' ? undefined : `expected true or false, got ${describe(v)}`),
  keys: (v) => {
    const checked = resolveKeyOverrides(v);
    return checked.ok || checked.action !== undefined ? undefined : checked.problem;
  },
  hosts: (v) => {
    const checked = checkHosts(v);
    return checked.ok || checked.index !== undefined ? undefined : checked.problem;
  },
};

export const CONFIG_FIELDS = Object.keys(CHECKS) as (keyof Config)[];

/** 1-based line of character `index` in `text`. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** Line of the key `"field"` (its last occurrence, the one JSON.parse keeps), or 1. */
function lineOfKey(text: string, field: string): number {
  const re = new RegExp(`"${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`, 'g');
  let last = -1;
  for (const m of text.matchAll(re)) last = m.index ?? last;
  return last >= 0 ? lineAt(text, last) : 1;
}

export function parseConfig(text: string, path: string): ConfigResult {
  let value: unknown;
  try {
    value = parseJsonWithPosition(text);
  } catch (err) {
    if (!(err instanceof JsonPositionError)) throw err;
    return { ok: false, error: `${path}:${err.line}: not valid JSON (${err.problem} at column ${err.column})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: `${path}:1: expected a JSON object like {"model": "deepseek-r1:32b"}, got ${describe(value)}` };
  }
  const config: Config = {};
  for (const [field, v] of Object.entries(value)) {
    // own keys only: "toString" or "__proto__" are unknown fields, not Object.prototype members
    const check = Object.hasOwn(CHECKS, field) ? CHECKS[field as keyof Config] : undefined;
    if (!check) {
      return { ok: false, error: `${path}:${lineOfKey(text, field)}: unknown field ${JSON.stringify(field)} (known: ${CONFIG_FIELDS.join(', ')})` };
    }
    const problem = check(v);
    if (problem) return { ok: false, error: `${path}:${lineOfKey(text, field)}: field "${field}": ${problem}` };
    if (field === 'hosts') {
      const hosts = checkHosts(v);
      if (!hosts.ok) {
        const at = hosts.index === undefined ? -1 : hostsEntryOffset(text, hosts.index, hosts.field);
        const line = at >= 0 ? lineAt(text, at) : lineOfKey(text, 'hosts');
        return { ok: false, error: `${path}:${line}: field "${hostsFieldPath(hosts)}": ${hosts.problem}` };
      }
      config.hosts = hosts.hosts;
      continue;
    }
    if (field === 'keys') {
      const keys = resolveKeyOverrides(v);
      if (!keys.ok && keys.action !== undefined) {
        return { ok: false, error: `${path}:${lineOfKey(text, keys.action)}: field "keys.${keys.action}": ${keys.problem}` };
      }
    }
    (config as Record<string, unknown>)[field] = typeof v === 'string' ? v.trim() : v;
  }
  return { ok: true, config, path, found: true };
}

export function loadConfig(path: string, read: (p: string) => string = (p) => readRegularFile(p, MAX_CONFIG_BYTES)): ConfigResult {
  let text: string;
  try {
    text = read(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: true, config: {}, path, found: false };
    if (code === 'ENOTREG' || code === 'EFBIG') return { ok: false, error: (err as Error).message };
    return { ok: false, error: `${path}: cannot be read (${code ?? (err as Error).message})` };
  }
  return parseConfig(text, path);
}

export interface FlagSettings {
  host?: string;
  model?: string;
  theme?: string;
  /** --think on|off|low|medium|high */
  think?: ThinkValue;
}

export interface Settings {
  /** Host to hand to resolveHost as its flag (undefined: OLLAMA_HOST or the default decides). */
  hostFlag?: string;
  model?: string;
  theme: string;
  reasoningMode: ReasoningModeSetting;
  layout: LayoutSetting;
  think?: ThinkValue;
  keepAlive?: string | number;
  numCtx?: number;
  keepReasoning: boolean;
  /** The key bindings in force when the config changed some (else undefined: the defaults). */
  keyBindings?: KeyBindings;
}

/** Flags override the config, the config overrides defaults. OLLAMA_HOST beats the config's host. */
export function mergeSettings(flags: FlagSettings, config: Config, env: { OLLAMA_HOST?: string } = {}): Settings {
  const settings: Settings = {
    theme: flags.theme ?? config.theme ?? 'dark',
    reasoningMode: config.reasoningMode ?? 'auto',
    layout: config.layout ?? 'side',
    keepReasoning: config.keepReasoning ?? false,
  };
  const hostFlag = flags.host ?? (env.OLLAMA_HOST ? undefined : config.host);
  if (hostFlag !== undefined) settings.hostFlag = hostFlag;
  const model = flags.model ?? config.model;
  if (model !== undefined) settings.model = model;
  const think = flags.think ?? config.think;
  if (think !== undefined) settings.think = think;
  if (config.keys !== undefined) {
    const keys = resolveKeyOverrides(config.keys);
    if (keys.ok) settings.keyBindings = keys.bindings;
  }
  if (config.keepAlive !== undefined) settings.keepAlive = config.keepAlive;
  if (config.numCtx !== undefined) settings.numCtx = config.numCtx;
  return settings;
}
