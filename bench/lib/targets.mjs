// The issue-14 targets, checked against one size's client figures (app and bare). Never fails the run:
// each target says its measured value, the limit and whether it is met (null when not measured).
const MiB = 1024 * 1024;

const worst = (values, higherIsWorse = true) => {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (v.length === 0) return null;
  return higherIsWorse ? Math.max(...v) : Math.min(...v);
};
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null);

/**
 * Every target: { label, value, unit, limit, op ('<=' or '<'), met, of } where `of` says which measured
 * figure it is (the worse of the empty-history and after-N-turns app columns where both exist).
 */
export function evaluateTargets({ app = {}, bare = {} }) {
  const e = app.empty ?? {};
  const h = app.history ?? {};
  const turns = app.turnsDriven ?? 0;
  const list = [
    { key: 'bytesPerToken20', label: 'bytes/token @ 20 tok/s (with reasoning)', value: worst([e.rate20?.bytesPerToken, h.rate20?.bytesPerToken]), limit: 40, op: '<=', of: 'worse of app empty / after turns' },
    { key: 'bytesPerToken200', label: 'bytes/token @ 200 tok/s', value: worst([e.rate200?.bytesPerToken, h.rate200?.bytesPerToken]), limit: 30, op: '<=', of: 'worse of app empty / after turns' },
    { key: 'bytesPerToken2', label: 'bytes/token @ 2 tok/s', value: app.slow2?.bytesPerToken ?? null, limit: 60, op: '<=', of: 'app, 2 tok/s window' },
    { key: 'cpuVsBare200', label: 'CPU per token vs bare @ 200 tok/s', value: worst([ratio(e.rate200?.cpuSecondsPer1kTokens, bare.rate200?.cpuSecondsPer1kTokens), ratio(h.rate200?.cpuSecondsPer1kTokens, bare.rate200?.cpuSecondsPer1kTokens)]), unit: 'x', limit: 2, op: '<=', of: 'worse of app empty / after turns ÷ bare' },
    { key: 'cpuVsBare20', label: 'CPU per token vs bare @ 20 tok/s', value: worst([ratio(e.rate20?.cpuSecondsPer1kTokens, bare.rate20?.cpuSecondsPer1kTokens), ratio(h.rate20?.cpuSecondsPer1kTokens, bare.rate20?.cpuSecondsPer1kTokens)]), unit: 'x', limit: 3, op: '<=', of: 'worse of app empty / after turns ÷ bare' },
    { key: 'cpu2', label: 'whole process @ 2 tok/s, % of a core', value: app.slow2?.cpuPercent ?? null, unit: '%', limit: 0.5, op: '<', of: 'app, 2 tok/s window' },
    { key: 'idle', label: 'idle, % of a core', value: (app.idleSteady ?? app.idle)?.cpuPercent ?? null, unit: '%', limit: 0.1, op: '<', of: app.idleSteady ? 'app steady idle window (60 s after the last activity)' : 'app idle window' },
    { key: 'keystrokeP95', label: 'keystroke → screen p95 @ 200 tok/s', value: worst([e.latency200?.p95Ms, h.latency200?.p95Ms]), unit: ' ms', limit: 33, op: '<', of: 'worse of app empty / after turns' },
    { key: 'rssAfterTurns', label: `RSS after ${turns} turns`, value: typeof app.rssAfterTurnsBytes === 'number' ? Math.round((app.rssAfterTurnsBytes / MiB) * 10) / 10 : null, unit: ' MiB', limit: 130, op: '<=', of: `app after ${turns} turns (the target is for 50)` },
    { key: 'frameWorkAfterTurns', label: `CPU per token after ${turns} turns vs empty`, value: worst([ratio(h.rate20?.cpuSecondsPer1kTokens, e.rate20?.cpuSecondsPer1kTokens), ratio(h.rate200?.cpuSecondsPer1kTokens, e.rate200?.cpuSecondsPer1kTokens)]), unit: 'x', limit: 1.1, op: '<=', of: 'worse of 20 and 200 tok/s' },
  ];
  const out = {};
  for (const t of list) {
    const met = t.value === null ? null : t.op === '<' ? t.value < t.limit : t.value <= t.limit;
    out[t.key] = { label: t.label, value: t.value, unit: t.unit ?? '', limit: t.limit, op: t.op, met, of: t.of };
  }
  return out;
}

/** `≤ 40 · yes` / `< 0.5% · NO` / `≤ 30 · –` (not measured). */
export function targetCell(t) {
  if (!t) return '';
  const verdict = t.met === null ? '–' : t.met ? 'yes' : 'NO';
  return `${t.op === '<' ? '<' : '≤'} ${t.limit}${t.unit} · ${verdict}`;
}
