/**
 * Spill advice as view data: the panel's one warning line and the lines of the picker's detail view
 * (Tab), from /api/ps, /api/show facts, the installed tags and this machine's free VRAM.
 */
import { spillAdvice, type SpillAdvice } from '../../core/spillAdvice.js';
import { sanitize } from '../../core/sanitize.js';
import { wrapText } from '../../core/wrap.js';
import { contextSizeFor, placementOf } from '../../session/contextTurn.js';
import type { AppState } from '../../session/types.js';
import { contextGauge } from './contextView.js';

function baseName(name: string): string {
  return name.split(':')[0]!;
}

/** The advice for `model` (default: the current one) when it spills, else undefined. */
export function spillFor(state: AppState, model = state.model.current): SpillAdvice | undefined {
  if (!model) return undefined;
  const ps = placementOf(state, model);
  if (!ps) return undefined;
  const sys = state.system;
  const local = !!sys && sys.gpuNote !== 'remote';
  const gpus = sys && !sys.gpuNote ? sys.gpus : [];
  const machineHasGpu = gpus.length > 0;
  let free: number | undefined;
  for (const g of gpus) if (g.totalBytes !== null && g.usedBytes !== null) free = (free ?? 0) + Math.max(0, g.totalBytes - g.usedBytes);
  const facts = state.model.facts?.[model];
  const tag = state.model.installed.find((m) => m.name === model || m.name === `${model}:latest`);
  const size = ps.context_length ?? contextSizeFor(state, model)?.tokens ?? 4096;
  const siblings = state.model.installed
    .filter((m) => baseName(m.name) === baseName(model) && (!tag?.details.parameter_size || m.details.parameter_size === tag.details.parameter_size))
    .map((m) => ({ name: m.name, fileBytes: m.size, ...(m.details.quantization_level ? { quantization: m.details.quantization_level } : {}) }));
  const gauge = state.turns.at(-1)?.model === model ? contextGauge(state) : undefined;
  const numGpu = state.model.settings?.[model]?.numGpu;
  return spillAdvice({
    size: ps.size,
    sizeVram: ps.size_vram,
    numCtx: size,
    name: model,
    siblings,
    local,
    machineHasGpu,
    ...(facts?.shape ? { shape: facts.shape } : {}),
    ...(tag ? { fileBytes: tag.size } : {}),
    ...(facts?.quantization ? { quantization: facts.quantization } : {}),
    ...(numGpu !== undefined ? { numGpu } : {}),
    ...(local && free !== undefined ? { freeVram: free } : {}),
    ...(gauge?.use ? { usedTokens: gauge.use.used } : {}),
  });
}

/** `spills 48% to CPU · Ctrl+P Tab` for the Performance panel (the picker detail has the options). */
export function spillLine(advice: SpillAdvice): string {
  return `spills ${advice.now === '100% CPU' ? 'all' : `${advice.cpuPercent}%`} to CPU · Ctrl+P Tab`;
}

/** The detail view's lines: the options, each with its estimated new split; wrapped to `width`. */
export function spillDetailLines(advice: SpillAdvice, width: number): string[] {
  const w = Math.max(8, width);
  const hanging = (text: string, first: string, rest: string) =>
    wrapText(text, w - rest.length).map((l, i) => (i === 0 ? first : rest) + l);
  const lines = wrapText(`Spills to the CPU (${advice.now}). What would put more of it in VRAM (estimates):`, w);
  if (advice.options.length === 0) lines.push(...hanging('nothing r1-tui can estimate (model shape or memory figures unknown)', '  ', '  '));
  for (const o of advice.options) {
    lines.push(...hanging(`${sanitize(o.action)} → ${o.estimate}`, '  • ', '    '));
    if (o.where) lines.push(...hanging(o.where, '    ', '    '));
  }
  return lines;
}
