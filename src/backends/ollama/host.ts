/**
 * Which Ollama server to talk to.
 *
 * `parseOllamaHost` follows the Go CLI's `envconfig.Host()` exactly (ollama/envconfig/config.go and its tests), so an
 * OLLAMA_HOST that works for `ollama run` works here too. `resolveHost` picks flag > OLLAMA_HOST > default
 * and turns the Go result into a URL that ollama-js and undici can dial.
 */
import { isIP } from 'node:net';

export const DEFAULT_HOST_URL = 'http://127.0.0.1:11434';

export type HostSource = 'flag' | 'env' | 'default';

/** A --host or OLLAMA_HOST value that cannot be used. `message` is a one-line sentence for the user. */
export class HostValueError extends Error {
  override readonly name = 'HostValueError';
  constructor(
    message: string,
    readonly source: 'flag' | 'env',
    readonly value: string,
  ) {
    super(message);
  }
}

/** Go `net.SplitHostPort`: undefined where Go returns an error. */
function splitHostPort(hostport: string): { host: string; port: string } | undefined {
  const lastColon = hostport.lastIndexOf(':');
  if (lastColon < 0) return undefined;
  let host: string;
  let noOpenFrom = 0;
  let noCloseFrom = 0;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) return undefined;
    if (end + 1 !== lastColon) return undefined; // missing port, or too many colons
    host = hostport.slice(1, end);
    noOpenFrom = 1;
    noCloseFrom = end + 1;
  } else {
    host = hostport.slice(0, lastColon);
    if (host.includes(':')) return undefined; // too many colons
  }
  if (hostport.slice(noOpenFrom).includes('[')) return undefined;
  if (hostport.slice(noCloseFrom).includes(']')) return undefined;
  return { host, port: hostport.slice(lastColon + 1) };
}

/** Go `net.ParseIP(s).String()`, or undefined when `s` is not an IP address. */
function canonicalIp(s: string): string | undefined {
  if (s.includes('%')) return undefined; // Go's ParseIP has no zones
  const kind = isIP(s);
  if (kind === 4) return s;
  if (kind !== 6) return undefined;
  const mapped = /^(?:0{0,4}:){0,5}(?:0{0,4}:)?:?ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(s);
  if (mapped?.[1] && isIP(mapped[1]) === 4) return mapped[1]; // Go prints IPv4-mapped addresses as IPv4
  return new URL(`http://[${s}]`).hostname.slice(1, -1); // RFC 5952 compressed form, as Go prints it
}

/** Go `strconv.ParseInt(port, 10, 32)` followed by the 0..65535 range check. */
function portNumber(port: string): number | undefined {
  if (!/^[+-]?\d+$/.test(port)) return undefined;
  const n = Number(port);
  if (!Number.isSafeInteger(n) || n > 65535 || n < 0) return undefined;
  return n;
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

interface GoHost {
  scheme: string;
  host: string;
  port: string;
  path: string;
  /** The port the value asked for was unusable and the default was used (Go logs a warning). */
  portReplaced: boolean;
}

function parseGoHost(value: string | undefined): GoHost {
  // envconfig.Var trims spaces then quotes; Host() trims spaces again.
  const s = (value ?? '').trim().replace(/^["']+|["']+$/g, '').trim();
  let defaultPort = '11434';
  let scheme: string;
  let rest: string;
  const sep = s.indexOf('://');
  if (sep < 0) {
    scheme = 'http';
    rest = s;
    if (s === 'ollama.com') {
      scheme = 'https';
      rest = 'ollama.com:443';
    }
  } else {
    scheme = s.slice(0, sep);
    rest = s.slice(sep + 3);
    if (scheme === 'http') defaultPort = '80';
    else if (scheme === 'https') defaultPort = '443';
  }
  const slash = rest.indexOf('/');
  const hostport = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash + 1);

  let host: string;
  let port: string;
  const split = splitHostPort(hostport);
  if (split) {
    ({ host, port } = split);
  } else {
    host = '127.0.0.1';
    port = defaultPort;
    const ip = canonicalIp(hostport.replace(/^\[+|\]+$/g, ''));
    if (ip !== undefined) host = ip;
    else if (hostport !== '') host = hostport;
  }
  let portReplaced = false;
  if (portNumber(port) === undefined) {
    port = defaultPort;
    portReplaced = true;
  }
  return { scheme, host, port, path, portReplaced };
}

function goUrlString(h: Pick<GoHost, 'scheme' | 'host' | 'port' | 'path'>): string {
  const path = h.path === '' ? '' : `/${h.path}`;
  return `${h.scheme}://${joinHostPort(h.host, h.port)}${path}`;
}

/**
 * The base URL the Go CLI derives from an OLLAMA_HOST value, character for character
 * (e.g. `:1234` → `http://:1234`, `::1` → `http://[::1]:11434`, `http://1.2.3.4` → `http://1.2.3.4:80`).
 */
export function parseOllamaHost(value: string | undefined): string {
  return goUrlString(parseGoHost(value));
}

/**
 * The URL we actually dial. Go dials `http://:1234` as localhost, but ollama-js's URL parser rejects an
 * empty host, so an empty host becomes 127.0.0.1. Like Go's newer `ConnectableHost()`, the bind-all
 * addresses 0.0.0.0 and :: become the loopback address. The port is written in plain decimal.
 */
function connectableUrl(h: GoHost): string {
  let host = h.host;
  if (host === '' || host === '0.0.0.0') host = '127.0.0.1';
  else if (host === '::') host = '::1';
  const port = String(portNumber(h.port) ?? h.port);
  return goUrlString({ ...h, host, port });
}

/** Why a parsed host cannot be dialled, as a sentence fragment; undefined when it is fine. */
function unusableReason(h: GoHost, url: string): string | undefined {
  if (h.scheme !== 'http' && h.scheme !== 'https') {
    return `"${h.scheme}://" is not supported; use http:// or https://`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'it is not a valid host name or address';
  }
  if (parsed.hostname === '') return 'it has no host name';
  if (parsed.search || parsed.hash || parsed.username) return 'it may only hold a scheme, host, port and path';
  return undefined;
}

const EXAMPLE = 'e.g. http://127.0.0.1:11434 or 192.168.1.20:11434';

/**
 * Validate a `--host` value. Stricter than Go for a flag: an empty value or an unusable port is an error
 * (the CLI turns it into exit code 2) instead of silently falling back to a default.
 */
export function parseHostFlag(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new HostValueError(`--host needs a value, ${EXAMPLE}`, 'flag', value);
  const h = parseGoHost(value);
  if (h.portReplaced || portNumber(h.port) === 0) {
    throw new HostValueError(`--host "${value}": the port must be a number from 1 to 65535 (${EXAMPLE})`, 'flag', value);
  }
  const url = connectableUrl(h);
  const reason = unusableReason(h, url);
  if (reason) throw new HostValueError(`--host "${value}": ${reason} (${EXAMPLE})`, 'flag', value);
  return url;
}

/**
 * Choose the server: --host flag, else OLLAMA_HOST (Go rules), else the default.
 * Throws HostValueError for a flag value that is garbage, or an OLLAMA_HOST that cannot be dialled at all.
 */
export function resolveHost(input: { flag?: string; env?: string }): { url: string; source: HostSource } {
  if (input.flag !== undefined) return { url: parseHostFlag(input.flag), source: 'flag' };
  const env = input.env ?? '';
  if (env.trim().replace(/^["']+|["']+$/g, '').trim() === '') return { url: DEFAULT_HOST_URL, source: 'default' };
  const h = parseGoHost(env);
  const url = connectableUrl(h);
  const reason = unusableReason(h, url);
  if (reason) throw new HostValueError(`OLLAMA_HOST="${env}" cannot be used: ${reason} (${EXAMPLE})`, 'env', env);
  return { url, source: 'env' };
}
