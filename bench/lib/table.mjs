// Prints the bench results as a plain-text table.
const fmt = (v, unit = '') => (v === null || v === undefined ? '–' : `${typeof v === 'number' ? v.toLocaleString('en-US') : v}${unit}`);
const mb = (b) => (typeof b === 'number' ? `${(b / 1024 / 1024).toFixed(1)} MB` : '–');

function row(label, cells) {
  return `${label.padEnd(44)}${cells.map((c) => String(c).padStart(18)).join('')}`;
}

export function printTable(r) {
  const app = r.app ?? {};
  const bare = r.bare ?? {};
  const e = app.empty ?? {};
  const h = app.history ?? {};
  const turns = app.turnsDriven ?? 0;
  const lines = [];
  const clientTable = Boolean(r.app || r.bare);
  lines.push('');
  if (clientTable) lines.push(row('metric', ['app, empty', `app, ${turns} turns`, 'bare client']));
  if (clientTable) lines.push('-'.repeat(44 + 18 * 3));
  for (const rate of clientTable ? [20, 200] : []) {
    const k = `rate${rate}`;
    lines.push(row(`CPU s / 1,000 tokens @ ${rate} tok/s`, [fmt(e[k]?.cpuSecondsPer1kTokens), fmt(h[k]?.cpuSecondsPer1kTokens), fmt(bare[k]?.cpuSecondsPer1kTokens)]));
    lines.push(row(`CPU % of one core @ ${rate} tok/s`, [fmt(e[k]?.cpuPercent, '%'), fmt(h[k]?.cpuPercent, '%'), fmt(bare[k]?.cpuPercent, '%')]));
    lines.push(row(`bytes to terminal / token @ ${rate} tok/s`, [fmt(e[k]?.bytesPerToken), fmt(h[k]?.bytesPerToken), fmt(bare[k]?.bytesPerToken)]));
    lines.push(row(`frames / s @ ${rate} tok/s`, [fmt(e[k]?.framesPerSecond), fmt(h[k]?.framesPerSecond), '']));
    lines.push(row(`bytes / frame @ ${rate} tok/s`, [fmt(e[k]?.bytesPerFrame), fmt(h[k]?.bytesPerFrame), '']));
    lines.push(row(`full-screen clears @ ${rate} tok/s`, [fmt(e[k]?.fullClears), fmt(h[k]?.fullClears), '']));
  }
  if (r.app) {
    lines.push(row('keystroke → screen p50 @ 200 tok/s', [fmt(e.latency200?.p50Ms, ' ms'), fmt(h.latency200?.p50Ms, ' ms'), '']));
    lines.push(row('keystroke → screen p95 @ 200 tok/s', [fmt(e.latency200?.p95Ms, ' ms'), fmt(h.latency200?.p95Ms, ' ms'), '']));
    lines.push(row('RSS', [mb(app.rssStartBytes), mb(app.rssAfterTurnsBytes), '']));
  }
  if (app.idle) lines.push(row('idle: CPU % / frames per s / bytes per s', [`${fmt(app.idle.cpuPercent, '%')} ${fmt(app.idle.framesPerSecond)} ${fmt(app.idle.bytesPerSecond)}`, '', '']));
  if (app.slow2) lines.push(row('CPU % of one core @ 2 tok/s (panel + sampler on)', [fmt(app.slow2.cpuPercent, '%'), '', '']));
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
  for (const [name, v] of Object.entries(r)) {
    if (v && typeof v === 'object' && (v.error || v.skipped)) lines.push(`${name}: ${v.error ? `FAILED: ${v.error}` : `skipped: ${v.skipped}`}`);
  }
  if (app.terminalRestoredOnSigterm === false) lines.push('app: terminal NOT restored after SIGTERM');
  process.stdout.write(`${lines.join('\n')}\n`);
}
