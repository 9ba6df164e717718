// Prints the bench results as a plain-text table: one client block per terminal size (app columns, bare
// client, and the issue-14 target with met or not), then the soak, backends and sampler lines.
import { targetCell } from './targets.mjs';

const fmt = (v, unit = '') => (v === null || v === undefined ? '–' : `${typeof v === 'number' ? v.toLocaleString('en-US') : v}${unit}`);
const mb = (b) => (typeof b === 'number' ? `${(b / 1024 / 1024).toFixed(1)} MiB` : '–');
const LABEL = 50;
const CELL = 18;

function row(label, cells) {
  const [last, ...rest] = [...cells].reverse();
  const padded = [...rest.reverse().map((c) => String(c).padStart(CELL)), `  ${String(last ?? '')}`];
  return `${label.padEnd(LABEL)}${padded.join('')}`.trimEnd();
}

/** The client table of one size: `block` is { app, bare, targets }. */
function clientTable(block, size) {
  const app = block.app ?? {};
  const bare = block.bare ?? {};
  const t = block.targets ?? {};
  const e = app.empty ?? {};
  const h = app.history ?? {};
  const turns = app.turnsDriven ?? 0;
  const lines = [];
  lines.push('');
  lines.push(row(`metric (${size})`, ['app, empty', `app, ${turns} turns`, 'bare client', 'target / met?']));
  lines.push('-'.repeat(LABEL + CELL * 3 + 24));
  const ratioRow = (label, key) => lines.push(row(label, [fmt(t[key]?.value, 'x'), '', '', targetCell(t[key])]));
  if (app.cold || bare.cold) {
    // the warm-up reply both clients stream first (then the app starts a new conversation with Ctrl+N)
    const c = app.cold ?? bare.cold;
    lines.push(row(`first reply, cold: CPU s / 1,000 tokens @ ${c.tokensPerSecond} tok/s`, [fmt(app.cold?.cpuSecondsPer1kTokens), '', fmt(bare.cold?.cpuSecondsPer1kTokens), '(warm-up, not a target)']));
    lines.push(row(`  cold vs bare cold`, [fmt(ratio(app.cold?.cpuSecondsPer1kTokens, bare.cold?.cpuSecondsPer1kTokens), 'x'), '', '', '']));
  }
  for (const rate of [20, 200]) {
    const k = `rate${rate}`;
    lines.push(row(`CPU s / 1,000 tokens @ ${rate} tok/s`, [fmt(e[k]?.cpuSecondsPer1kTokens), fmt(h[k]?.cpuSecondsPer1kTokens), fmt(bare[k]?.cpuSecondsPer1kTokens), '']));
    ratioRow(`  CPU per token vs bare @ ${rate} (worse column)`, `cpuVsBare${rate}`);
    lines.push(row(`CPU % of one core @ ${rate} tok/s`, [fmt(e[k]?.cpuPercent, '%'), fmt(h[k]?.cpuPercent, '%'), fmt(bare[k]?.cpuPercent, '%'), '']));
    lines.push(row(`bytes to terminal / token @ ${rate} tok/s`, [fmt(e[k]?.bytesPerToken), fmt(h[k]?.bytesPerToken), fmt(bare[k]?.bytesPerToken), targetCell(t[`bytesPerToken${rate}`])]));
    lines.push(row(`  of which reasoning / answer tokens`, [phaseCell(e[k]), phaseCell(h[k]), '', '']));
    lines.push(row(`  bytes / token: reasoning | answer`, [splitCell(e[k]), splitCell(h[k]), '', '']));
    lines.push(row(`frames / s @ ${rate} tok/s`, [fmt(e[k]?.framesPerSecond), fmt(h[k]?.framesPerSecond), '', '']));
    lines.push(row(`bytes / frame @ ${rate} tok/s`, [fmt(e[k]?.bytesPerFrame), fmt(h[k]?.bytesPerFrame), '', '']));
    lines.push(row(`full-screen clears @ ${rate} tok/s`, [fmt(e[k]?.fullClears), fmt(h[k]?.fullClears), '', '']));
  }
  if (block.app) {
    lines.push(row('keystroke → screen p50 @ 200 tok/s', [fmt(e.latency200?.p50Ms, ' ms'), fmt(h.latency200?.p50Ms, ' ms'), '', '']));
    lines.push(row('keystroke → screen p95 @ 200 tok/s', [fmt(e.latency200?.p95Ms, ' ms'), fmt(h.latency200?.p95Ms, ' ms'), '', targetCell(t.keystrokeP95)]));
    lines.push(row('RSS (start | after turns)', [mb(app.rssStartBytes), mb(app.rssAfterTurnsBytes), '', targetCell(t.rssAfterTurns)]));
    ratioRow(`CPU per token after ${turns} turns vs empty (worse rate)`, 'frameWorkAfterTurns');
  }
  if (app.slow2) {
    const s = app.slow2;
    lines.push(row(`@ 2 tok/s, ${fmt(s.tokens)} tokens: CPU % of a core (all)`, [fmt(s.cpuPercent, '%'), '', '', targetCell(t.cpu2)]));
    lines.push(row('@ 2 tok/s: bytes to terminal / token', [fmt(s.bytesPerToken), '', '', targetCell(t.bytesPerToken2)]));
    lines.push(row('@ 2 tok/s: bytes / token reasoning | answer', [splitCell(s), '', '', '']));
  }
  for (const [i, steady] of [[app.idle, false], [app.idleSteady, true]]) {
    if (!i) continue;
    const isTarget = steady || !app.idleSteady;
    lines.push(row(`idle ${fmt(i.seconds)} s after ${fmt(i.afterQuietSeconds)} s quiet: CPU %`, [fmt(i.cpuPercent, '%'), '', '', isTarget ? targetCell(t.idle) : '']));
    if (i.mainThreadCpuPercent !== undefined) lines.push(row('  main thread | other threads (V8 GC, JIT)', [`${fmt(i.mainThreadCpuPercent, '%')} | ${fmt(i.otherThreadsCpuPercent, '%')}`, '', '', '']));
    lines.push(row('  frames per s / bytes per s', [`${fmt(i.framesPerSecond)} / ${fmt(i.bytesPerSecond)}`, '', '', '']));
  }
  return lines;
}

const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null);
const phaseCell = (w) => (w?.phases ? `${fmt(w.phases.reasoning.tokens)} / ${fmt(w.phases.answer.tokens)}` : '–');
const splitCell = (w) => (w?.phases ? `${fmt(w.phases.reasoning.bytesPerToken)} | ${fmt(w.phases.answer.bytesPerToken)}` : '–');

export function printTable(r) {
  const lines = [];
  const mainSize = r.meta ? `${r.meta.cols}x${r.meta.rows}` : '120x40';
  if (r.app || r.bare) lines.push(...clientTable({ app: r.app, bare: r.bare, targets: r.targets }, mainSize));
  for (const [size, block] of Object.entries(r.sizes ?? {})) {
    if (size !== mainSize) lines.push(...clientTable(block, size));
  }
  const soak = r.soak;
  if (soak && !soak.error && soak.rssAtEndBytes) {
    lines.push('');
    lines.push(`memory soak: ${soak.minutes} min at ${soak.tokensPerSecond} tok/s, ${fmt(soak.turns)} turns, ${fmt(soak.tokens)} tokens; ` +
      `RSS (median of a window) ${mb(soak.rssAtWarmupBytes)} from ${soak.warmupSeconds} s → ${mb(soak.rssAtEndBytes)} at the end ` +
      `(${soak.growthPercent >= 0 ? '+' : ''}${fmt(soak.growthPercent)}%, max ${mb(soak.rssMaxAfterWarmupBytes)})`);
  }
  const b = r.backends;
  if (b && !b.error && !b.skipped && b.ollama && b.openai) {
    lines.push('');
    lines.push(`backends @ ${b.tokensPerSecond} tok/s, same reply, client process only (best of ${b.runs}): ` +
      `Ollama path ${fmt(b.ollama.cpuMsPer1kTokens)} ms CPU / 1,000 tokens (${fmt(b.ollama.tokens)} tokens), ` +
      `OpenAI-compatible path (vLLM SSE) ${fmt(b.openai.cpuMsPer1kTokens)} ms CPU / 1,000 tokens (${fmt(b.openai.tokens)} tokens)`);
  }
  if (r.sampler && !r.sampler.error && !r.sampler.skipped) {
    lines.push('');
    lines.push(`system sampler alone: ${fmt(r.sampler.cpuMsPerMinute)} ms CPU per minute ` +
      `(bare 1 s timer: ${fmt(r.sampler.baselineTimerCpuMsPerMinute)} ms), ${r.sampler.ticks} ticks in ${r.sampler.seconds} s, ` +
      `nvidia-smi started ${r.sampler.nvidiaSmiSpawns}×, /proc scans ${r.sampler.ollamaProcScans}`);
  }
  const mp = r.metricsPoll;
  if (mp && !mp.error && !mp.skipped) {
    lines.push('');
    lines.push(`server-metrics poller alone (vLLM's real /metrics, ${fmt(mp.bytesPerPoll)} bytes): ${fmt(mp.cpuMsPerPoll)} ms CPU per poll; ` +
      `every ${mp.intervalMs / 1000} s (streaming) ${fmt(mp.pctOfCore)}% of a core, every 10 s (idle) ${fmt(mp.pctOfCoreIdlePace)}% ` +
      `(target < 0.1%: ${mp.pctOfCore < 0.1 ? 'met' : 'NOT met'} streaming, ${mp.pctOfCoreIdlePace < 0.1 ? 'met' : 'NOT met'} idle); ` +
      `${mp.polls} polls in ${mp.seconds} s after a first ${mp.firstWindowSeconds} s of ${fmt(mp.firstWindowPctOfCore)}% (fresh process); bare timer ${fmt(mp.bareTimerPctOfCore)}%`);
  }
  const failures = [...Object.entries(r), ...Object.entries(r.sizes ?? {}).flatMap(([size, blk]) => Object.entries(blk).map(([k, v]) => [`${k} (${size})`, v]))];
  for (const [name, v] of failures) {
    if (v && typeof v === 'object' && (v.error || v.skipped)) lines.push(`${name}: ${v.error ? `FAILED: ${v.error}` : `skipped: ${v.skipped}`}`);
  }
  if (r.app?.terminalRestoredOnSigterm === false) lines.push('app: terminal NOT restored after SIGTERM');
  process.stdout.write(`${lines.join('\n')}\n`);
}
