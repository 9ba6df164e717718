/**
 * Doctor checks that ask the Ollama server: reachable (and how the host was chosen), version and what it
 * implies, installed models and which can think, loaded models and their placement.
 */
import { compareVersions } from '../session/version.js';
import { humanBytes } from '../core/humanBytes.js';
import { processorLabel } from '../core/processorLabel.js';
import { HostValueError, resolveHost, type HostSource } from '../backends/ollama/host.js';
import { OllamaError, type OllamaApi } from '../backends/ollama/types.js';
import { check, type Check } from './doctorTypes.js';
import type { CommandContext } from './io.js';

export function hostSourceText(source: HostSource, env: string | undefined): string {
  if (source === 'flag') return 'from --host';
  if (source === 'env') return `from OLLAMA_HOST=${env ?? ''}`;
  return 'default; set --host or OLLAMA_HOST to change it';
}

export interface ResolvedHost {
  url: string;
  source: HostSource;
}

/** Resolve the host like the app does; a bad value becomes a failing check. */
export function resolveDoctorHost(flag: string | undefined, ctx: CommandContext): ResolvedHost | Check {
  try {
    return resolveHost({ flag, env: ctx.env.OLLAMA_HOST });
  } catch (err) {
    const message = err instanceof HostValueError ? err.message : String(err);
    return check('ollama.host', 'fail', message, 'Pass a server like --host http://127.0.0.1:11434, or fix OLLAMA_HOST.');
  }
}

const FEATURES: Array<{ since: string; what: string }> = [
  { since: '0.9.0', what: 'separate thinking field' },
  { since: '0.10.0', what: 'context length in /api/ps' },
  { since: '0.11.0', what: 'think levels' },
  { since: '0.12.4', what: 'thinking on by default' },
];

export function versionCheck(version: string): Check {
  const have = FEATURES.filter((f) => compareVersions(version, f.since) >= 0).map((f) => f.what);
  const missing = FEATURES.filter((f) => compareVersions(version, f.since) < 0);
  if (missing.length === 0) return check('ollama.version', 'pass', `Ollama ${version}: ${have.join(', ')}.`);
  const lacks = missing.map((f) => `${f.what} (${f.since}+)`).join(', ');
  const note =
    compareVersions(version, '0.9.0') < 0 ? ' Reasoning comes as <think> tags in the answer; r1-tui splits it itself.' : '';
  return check(
    'ollama.version',
    'warn',
    `Ollama ${version} lacks: ${lacks}.${note}`,
    'Upgrade Ollama (Linux: curl -fsSL https://ollama.com/install.sh | sh).',
  );
}

function errorText(err: unknown): string {
  return err instanceof OllamaError ? err.message : String((err as Error)?.message ?? err);
}

async function modelsCheck(api: OllamaApi): Promise<Check> {
  let names: string[];
  try {
    names = (await api.tags()).map((m) => m.name);
  } catch (err) {
    return check('ollama.models', 'fail', `Could not list models: ${errorText(err)}`, 'Check the Ollama server log.');
  }
  if (names.length === 0) {
    return check('ollama.models', 'fail', 'No models are installed.', 'Pull one: ollama pull deepseek-r1:8b');
  }
  const thinkers: string[] = [];
  let unknown = 0;
  // /api/show one at a time: a server with many models should not get a burst of requests.
  for (const name of names) {
    try {
      if ((await api.show(name)).capabilities.includes('thinking')) thinkers.push(name);
    } catch {
      unknown++;
    }
  }
  const count = `${names.length} model${names.length === 1 ? '' : 's'} installed`;
  const unknownNote = unknown > 0 ? ` (${unknown} could not be inspected)` : '';
  if (thinkers.length === 0) {
    return check(
      'ollama.models',
      'warn',
      `${count}, none can think${unknownNote}.`,
      'For a separate reasoning pane pull a reasoning model: ollama pull deepseek-r1:8b',
    );
  }
  return check('ollama.models', 'pass', `${count}; can think: ${thinkers.join(', ')}${unknownNote}.`);
}

async function loadedCheck(api: OllamaApi): Promise<Check[]> {
  let loaded;
  try {
    loaded = await api.ps();
  } catch (err) {
    return [check('ollama.loaded', 'warn', `Could not read loaded models: ${errorText(err)}`)];
  }
  if (loaded.length === 0) {
    return [check('ollama.loaded', 'info', 'No model is loaded; the first message loads one (a cold load can take a while).')];
  }
  return loaded.map((m) => {
    const label = processorLabel(m.size, m.size_vram);
    const ctxText = m.context_length ? `, context ${m.context_length}` : '';
    const message = `Loaded: ${m.name}, ${humanBytes(m.size)}, ${label}${ctxText}.`;
    const cpuShare = m.size > 0 ? (m.size - m.size_vram) / m.size : 0;
    if (m.size_vram > 0 && cpuShare > 0.5) {
      return check(
        'ollama.loaded',
        'warn',
        `${message} Mostly on the CPU: expect slow generation.`,
        'Try a smaller model or quantization, or a smaller context (num_ctx), so more layers fit in VRAM.',
      );
    }
    return check('ollama.loaded', 'pass', message);
  });
}

/** All Ollama checks; when the server cannot be reached only the failing reachability line is returned. */
export async function ollamaChecks(host: ResolvedHost, ctx: CommandContext): Promise<{ checks: Check[]; reachable: boolean }> {
  const api = ctx.createApi(host.url);
  const how = hostSourceText(host.source, ctx.env.OLLAMA_HOST);
  let version: string;
  try {
    version = await api.version();
  } catch (err) {
    const detail = err instanceof OllamaError && err.kind !== 'unreachable' ? ` ${err.message}` : '';
    return {
      reachable: false,
      checks: [
        check(
          'ollama.reachable',
          'fail',
          `Cannot reach Ollama at ${host.url} (${how}).${detail}`,
          'Start it with `ollama serve` (or `systemctl start ollama`), or point r1-tui at your server with --host or OLLAMA_HOST.',
        ),
      ],
    };
  }
  const checks = [check('ollama.reachable', 'pass', `Ollama reachable at ${host.url} (${how}).`), versionCheck(version)];
  checks.push(await modelsCheck(api));
  checks.push(...(await loadedCheck(api)));
  return { checks, reachable: true };
}
