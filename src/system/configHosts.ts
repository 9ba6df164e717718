/**
 * The config's `hosts` list: every box r1-tui may talk to, for the host switcher (Alt+H), `--host NAME`
 * and `bench --hosts a,b`.
 *
 *   "hosts": [
 *     { "name": "gpu-box", "url": "http://10.0.0.5:11434" },
 *     { "name": "vllm-head", "url": "http://10.0.0.9:8000/v1", "backend": "vllm", "apiKey": "sk-..." }
 *   ]
 *
 * Each entry is checked field by field, with the line of the offending field (`FILE:LINE: field
 * "hosts[2].url": ...`). An apiKey is never echoed, not even a malformed one.
 */
import type { BackendKind } from '../core/backendKind.js';

/** The kinds `--backend` takes, with its aliases (kept here: src/system does not import src/backends). */
const KINDS: Record<string, BackendKind> = {
  ollama: 'ollama',
  'llama.cpp': 'llama.cpp',
  llamacpp: 'llama.cpp',
  'llama-server': 'llama.cpp',
  vllm: 'vllm',
  sglang: 'sglang',
  lmstudio: 'lmstudio',
  'lm-studio': 'lmstudio',
  openai: 'openai',
};
const KIND_LIST = ['ollama', 'llama.cpp', 'vllm', 'sglang', 'lmstudio', 'openai'];

export interface HostConfig {
  name: string;
  url: string;
  backend?: BackendKind;
  apiKey?: string;
}

const HOST_FIELDS = ['name', 'url', 'backend', 'apiKey'] as const;
export const HOST_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

const describe = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v));

/** A problem with the hosts list: the field path (`hosts[1].url`) and the sentence after it. */
export interface HostsProblem {
  index?: number;
  field?: string;
  problem: string;
}

function checkEntry(v: unknown, index: number, seen: Set<string>): HostsProblem | HostConfig {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return { index, problem: `expected an object like {"name": "gpu-box", "url": "http://10.0.0.5:11434"}, got ${describe(v)}` };
  }
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(HOST_FIELDS as readonly string[]).includes(key)) return { index, field: key, problem: `unknown field (known: ${HOST_FIELDS.join(', ')})` };
  }
  const name = o.name;
  if (typeof name !== 'string' || !HOST_NAME_PATTERN.test(name.trim())) {
    return { index, field: 'name', problem: `expected a short name like "gpu-box" (letters, digits, . _ -; at most 40), got ${describe(name)}` };
  }
  if (seen.has(name.trim().toLowerCase())) return { index, field: 'name', problem: `the name ${JSON.stringify(name.trim())} is used by an earlier host` };
  const url = o.url;
  if (typeof url !== 'string' || url.trim() === '' || /[\s\u0000-\u001f\u007f]/.test(url.trim())) {
    return { index, field: 'url', problem: `expected a URL like "http://10.0.0.5:11434" or "box:8000/v1", got ${describe(url)}` };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(url.trim())) {
    return { index, field: 'url', problem: 'a URL with user:password@ is not accepted (put a key in "apiKey"; the URL is shown and saved with every answer)' };
  }
  const out: HostConfig = { name: name.trim(), url: url.trim() };
  if (o.backend !== undefined) {
    const kind = typeof o.backend === 'string' ? KINDS[o.backend.trim().toLowerCase()] : undefined;
    if (!kind) return { index, field: 'backend', problem: `expected one of ${KIND_LIST.map((k) => `"${k}"`).join(', ')}, got ${describe(o.backend)}` };
    out.backend = kind;
  }
  if (o.apiKey !== undefined) {
    // never echo the value
    if (typeof o.apiKey !== 'string' || o.apiKey.trim() === '' || /[\s\u0000-\u001f\u007f]/.test(o.apiKey.trim())) {
      return { index, field: 'apiKey', problem: 'expected a key without spaces or control characters (the value is not shown)' };
    }
    out.apiKey = o.apiKey.trim();
  }
  seen.add(out.name.toLowerCase());
  return out;
}

/** Check the `hosts` value; the entries, or where and what the first problem is. */
export function checkHosts(v: unknown): { ok: true; hosts: HostConfig[] } | ({ ok: false } & HostsProblem) {
  if (!Array.isArray(v)) return { ok: false, problem: `expected a list of hosts like [{"name": "gpu-box", "url": "http://10.0.0.5:11434"}], got ${describe(v)}` };
  const seen = new Set<string>();
  const hosts: HostConfig[] = [];
  for (let i = 0; i < v.length; i++) {
    const r = checkEntry(v[i], i, seen);
    if ('problem' in r) return { ok: false, ...r };
    hosts.push(r);
  }
  return { ok: true, hosts };
}

/** The field path for a message: `hosts`, `hosts[2]`, `hosts[2].url` (1-based, as people count). */
export function hostsFieldPath(p: HostsProblem): string {
  if (p.index === undefined) return 'hosts';
  return `hosts[${p.index + 1}]${p.field ? `.${p.field}` : ''}`;
}

/**
 * Character index in `text` of entry `index` of the top-level `"hosts"` array (and of its key `field`
 * when given), found by a small scanner that skips strings and counts brackets. -1 when not found.
 */
export function hostsEntryOffset(text: string, index: number, field?: string): number {
  const keyAt = [...text.matchAll(/"hosts"\s*:\s*\[/g)].at(-1);
  if (!keyAt || keyAt.index === undefined) return -1;
  let i = keyAt.index + keyAt[0].length;
  let depth = 0;
  let entry = 0;
  let entryStart = -1;
  const atEntryStart = () => {
    if (entryStart < 0) entryStart = i;
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) continue;
    if (depth === 0 && c === ']') return entry === index ? entryStart : -1;
    if (depth === 0 && c === ',') {
      if (entry === index) break;
      entry++;
      entryStart = -1;
      continue;
    }
    if (entry === index) atEntryStart();
    if (c === '"') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      if (entry === index && depth === 1 && field !== undefined && text.slice(start + 1, i) === field && /^\s*:/.test(text.slice(i + 1))) return start;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return entry === index ? entryStart : -1;
}
