/**
 * `r1-tui doctor [--host URL] [--json]`: checks the setup and prints one pass/warn/fail/info line per
 * finding, each with a fix hint when there is something to do. Exit code 0 when nothing fails, 1 when
 * something fails, 2 for bad flags.
 */
import { sanitize } from '../core/sanitize.js';
import { wrapText } from '../core/wrap.js';
import { parseFlags } from '../core/flags.js';
import { dirChecks, gpuCheck, ramCheck } from './doctorMachine.js';
import { ollamaChecks, resolveDoctorHost, type ResolvedHost } from './doctorOllama.js';
import { clipboardCheck, terminalChecks } from './doctorTerminal.js';
import { hostChecks } from './doctorHosts.js';
import { detectBackend } from '../backends/detect.js';
import { defaultFetch } from '../backends/ollama/fetch.js';
import { nameOfUrl, resolveNamedHosts } from '../session/hostList.js';
import { loadConfig } from '../system/config.js';
import { configPath } from '../system/paths.js';
import type { Check, CheckStatus } from './doctorTypes.js';
import type { CommandContext } from './io.js';

export const DOCTOR_HELP = `Usage: r1-tui doctor [--host URL] [--json]

Checks the server (reachable, which kind and version, models; for Ollama the loaded models and their
CPU/GPU split), every host in the config's "hosts" (backend, version, what it offers and lacks, models,
and for OpenAI-compatible servers whether the reasoning arrives in its own field: doctor asks for 8
tokens), this machine (GPU, RAM), the terminal (TERM, colours, UTF-8, size, tmux/SSH, clipboard) and
the data and config directories. Exit code 0 when nothing fails, 1 when something fails, 2 for bad flags.

  --host URL   Server (default: $OLLAMA_HOST, else http://127.0.0.1:11434)
  --json       One JSON object for scripts
`;

export interface DoctorReport {
  command: 'doctor';
  host: (ResolvedHost & { local: boolean }) | null;
  ok: boolean;
  summary: Record<CheckStatus, number>;
  checks: Check[];
}

export async function collectDoctorReport(hostFlag: string | undefined, ctx: CommandContext): Promise<DoctorReport> {
  const checks: Check[] = [];
  const resolved = resolveDoctorHost(hostFlag, ctx);
  let host: DoctorReport['host'] = null;
  let remote = false;
  const config = loadConfig(configPath(ctx.env));
  const configHosts = config.ok ? (config.config.hosts ?? []) : [];
  if (!config.ok) checks.push({ id: 'config', status: 'fail', message: config.error, fix: 'Fix the config file (or move it away to start from the defaults).' });
  if ('url' in resolved) {
    remote = !ctx.isLocal(resolved.url);
    host = { ...resolved, local: !remote };
    // Ollama gets its own, richer checks; another kind of server the per-host ones.
    const found = await detectBackend(resolved.url, { fetch: defaultFetch() });
    if (found.ok && found.kind !== 'ollama') checks.push(...(await hostChecks({ name: nameOfUrl(resolved.url), url: resolved.url, source: 'flag' })));
    else checks.push(...(await ollamaChecks(resolved, ctx)).checks);
  } else {
    checks.push(resolved);
  }
  for (const entry of configHosts) {
    try {
      const [h] = resolveNamedHosts([entry.name], configHosts);
      if (h && h.url !== host?.url) checks.push(...(await hostChecks(h)));
    } catch (err) {
      checks.push({ id: `host.${entry.name}`, status: 'fail', message: `${entry.name}: ${(err as Error).message}`, fix: 'Fix its "url" in the config\'s "hosts".' });
    }
  }
  checks.push(await gpuCheck(ctx, remote));
  checks.push(ramCheck(ctx, remote));
  checks.push(...terminalChecks(ctx));
  checks.push(await clipboardCheck(ctx));
  checks.push(...dirChecks(ctx));
  const summary: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, info: 0 };
  for (const c of checks) summary[c.status]++;
  return { command: 'doctor', host, ok: summary.fail === 0, summary, checks };
}

const TAGS: Record<CheckStatus, string> = { pass: 'pass', warn: 'WARN', fail: 'FAIL', info: 'info' };
const INDENT = '       ';
export const DOCTOR_WIDTH = 80;

function wrapped(first: string, text: string, width: number): string[] {
  const rows = wrapText(sanitize(text), width - INDENT.length);
  return rows.map((row, i) => (i === 0 ? first : INDENT) + row.trimEnd());
}

/** The human report; every row fits `width` (80) columns. */
export function formatDoctorReport(report: DoctorReport, width = DOCTOR_WIDTH): string {
  const lines: string[] = ['r1-tui doctor', ''];
  for (const c of report.checks) {
    lines.push(...wrapped(` ${TAGS[c.status]}  `, c.message, width));
    if (c.fix) lines.push(...wrapped(INDENT, `fix: ${c.fix}`, width));
  }
  const s = report.summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push('', `${s.pass} passed · ${plural(s.warn, 'warning')} · ${s.fail} failed${s.info ? ` · ${s.info} info` : ''}`);
  return `${lines.join('\n')}\n`;
}

export async function runDoctor(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseFlags(argv, { command: 'doctor', flags: { host: { kind: 'string' }, json: { kind: 'boolean' }, help: { kind: 'boolean' } } });
  if (!parsed.ok) {
    ctx.stderr.write(`r1-tui doctor: ${sanitize(parsed.error)}\n`);
    return 2;
  }
  if (parsed.values.help) {
    ctx.stdout.write(DOCTOR_HELP);
    return 0;
  }
  const host = typeof parsed.values.host === 'string' ? parsed.values.host : undefined;
  const report = await collectDoctorReport(host, ctx);
  ctx.stdout.write(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
  return report.ok ? 0 : 1;
}
