/**
 * The hosts of a session, in switcher order: the host to start with first (first --host, else
 * OLLAMA_HOST, else the config's `host`, else the config's first `hosts` entry, else the default), then
 * the other --host values, then the config's hosts; one entry per URL. A --host value that names a
 * config host is that host. --backend and --api-key (R1_TUI_API_KEY) go with the first host.
 *
 * `HostSpec.apiKey` stays inside src/session (HostsController, the clients); the store, the screen, the
 * log and saved conversations get `publicHost()` only.
 */
import type { BackendKind } from '../backends/backend.js';
import { resolveHost } from '../backends/ollama/host.js';
import type { HostConfig } from '../system/configHosts.js';

export type HostSource = 'flag' | 'env' | 'default' | 'config' | 'demo';

export interface HostSpec {
  name: string;
  /** Base URL as resolved (no user:password part). */
  url: string;
  backend?: BackendKind;
  apiKey?: string;
  source: HostSource;
}

/** What may be shown, logged and saved about a host: never the key. */
export interface PublicHost {
  name: string;
  url: string;
}

export function publicHost(h: { name: string; url: string }): PublicHost {
  return { name: h.name, url: stripCredentials(h.url) };
}

/** `http://user:secret@box:8000` → `http://box:8000` (a URL is shown and saved with every answer). */
export function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** `http://10.0.0.5:11434` → `10.0.0.5:11434`, `http://box:8000/v1` → `box:8000` (the name of a host given by URL). */
export function nameOfUrl(url: string): string {
  return stripCredentials(url).replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '').replace(/\/v1$/, '');
}

export interface HostListInput {
  /** Every --host value, in order. */
  flags?: readonly string[];
  /** OLLAMA_HOST */
  env?: string;
  /** The config's `host` (ignored when OLLAMA_HOST is set, like before). */
  configHost?: string;
  configHosts?: readonly HostConfig[];
  /** --backend: the first host's kind. */
  backend?: BackendKind;
  /** --api-key / R1_TUI_API_KEY: the first host's key (a flag overrides the config's apiKey). */
  apiKey?: string;
}

function fromConfig(h: HostConfig, source: HostSource): HostSpec {
  return { name: h.name, url: resolveHost({ flag: h.url }).url, ...(h.backend ? { backend: h.backend } : {}), ...(h.apiKey ? { apiKey: h.apiKey } : {}), source };
}

/** Throws HostValueError (a sentence naming the value) for a host that cannot be used. */
export function resolveHostList(input: HostListInput): HostSpec[] {
  const configHosts = input.configHosts ?? [];
  const byName = (v: string) => configHosts.find((h) => h.name.toLowerCase() === v.trim().toLowerCase());
  const fromValue = (v: string, source: HostSource): HostSpec => {
    const named = byName(v);
    if (named) return fromConfig(named, source);
    const url = resolveHost({ flag: v }).url;
    return { name: nameOfUrl(url), url, source };
  };
  const flags = input.flags ?? [];
  const list: HostSpec[] = [];
  if (flags.length > 0) list.push(fromValue(flags[0]!, 'flag'));
  else if (input.env !== undefined && input.env.trim() !== '') {
    const r = resolveHost({ env: input.env });
    list.push({ name: nameOfUrl(r.url), url: r.url, source: r.source });
  } else if (input.configHost !== undefined) list.push(fromValue(input.configHost, 'flag'));
  else if (configHosts.length > 0) list.push(fromConfig(configHosts[0]!, 'config'));
  else {
    const r = resolveHost({});
    list.push({ name: nameOfUrl(r.url), url: r.url, source: r.source });
  }
  const first = list[0]!;
  if (input.backend) first.backend = input.backend;
  if (input.apiKey) first.apiKey = input.apiKey;
  for (const v of flags.slice(1)) list.push(fromValue(v, 'flag'));
  for (const h of configHosts) list.push(fromConfig(h, 'config'));
  return list.filter((h, i) => list.findIndex((x) => x.url === h.url) === i);
}

/** `bench --hosts a,b`: each value a config host name or a URL, in the order given, one entry per URL. */
export function resolveNamedHosts(values: readonly string[], configHosts: readonly HostConfig[]): HostSpec[] {
  const list = values.map((v): HostSpec => {
    const named = configHosts.find((h) => h.name.toLowerCase() === v.trim().toLowerCase());
    if (named) return fromConfig(named, 'config');
    const url = resolveHost({ flag: v }).url;
    return { name: nameOfUrl(url), url, source: 'flag' };
  });
  return list.filter((h, i) => list.findIndex((x) => x.url === h.url) === i);
}
