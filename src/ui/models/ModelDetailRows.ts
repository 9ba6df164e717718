/** Rows of the picker's detail view (Tab): the fit formula's parts and the per-model num_ctx / num_gpu. */
import { gibLabel, OVERHEAD_FIXED_BYTES, OVERHEAD_SHARE } from '../../core/fitEstimate.js';
import { sanitize } from '../../core/sanitize.js';
import { truncateToWidth, wrapText } from '../../core/wrap.js';
import type { AppState, TagModel } from '../../session/types.js';
import type { ChatRow } from '../chat/chatLines.js';
import { freeMemory, loadedLabel, modelFit, numCtxOf } from './modelPicker.js';
import { spillDetailLines, spillFor } from '../perf/spillView.js';

/** A server other than Ollama: what it says about the model; no fit estimate or load settings (fixed at its start). */
function servedDetailRows(state: AppState, model: TagModel, width: number): ChatRow[] {
  const row = (body: string, bodyToken: ChatRow['bodyToken'] = 'text'): ChatRow => ({ gutter: '', body: truncateToWidth(body, width), bodyToken });
  const s = state.model.served?.[model.name];
  const label = sanitize(state.server?.label ?? '');
  const ctx = s?.contextLength ?? state.server?.contextLength;
  return [
    row(sanitize(model.name), 'accent'),
    row(`server    ${label}`),
    row(`context   ${ctx ? `${ctx.toLocaleString('en-US')} tokens (from the server)` : 'n/a (the server does not say)'}`),
    row(`loaded    ${s?.loaded === undefined ? 'n/a (the server does not say)' : s.loaded ? 'yes' : 'no'}`),
    ...(s?.slots ? [row(`slots     ${s.slots.busy} of ${s.slots.total} busy`)] : []),
    ...(s?.servedExactlyOne ? [row('this server serves exactly one model')] : []),
    row(''),
    ...wrapText(`${label} fixes the context and GPU layers when it starts: num_ctx / num_gpu cannot be set from here. Tab or Esc returns.`, Math.max(1, width)).map((l) => row(l, 'muted')),
  ];
}

export function detailRows(state: AppState, model: TagModel, width: number): ChatRow[] {
  if (state.server) return servedDetailRows(state, model, width);
  const facts = state.model.facts?.[model.name];
  const numCtx = numCtxOf(state, model.name);
  const numGpu = state.model.settings?.[model.name]?.numGpu;
  const fit = modelFit(model, facts, numCtx, state.system);
  const free = freeMemory(state.system);
  const row = (body: string, bodyToken: ChatRow['bodyToken'] = 'text'): ChatRow => ({ gutter: '', body: truncateToWidth(body, width), bodyToken });
  const rows: ChatRow[] = [
    row(`${sanitize(model.name)} · ${[facts?.family, facts?.parameterSize, facts?.quantization].filter(Boolean).map((s) => sanitize(s!)).join(' · ')}`, 'accent'),
    row(`weights   ${gibLabel(fit.weightsBytes)}  (file size)`),
    row(
      `KV cache  ${gibLabel(fit.kvBytes)}  at ${numCtx.toLocaleString('en-US')} tokens${facts?.shape ? ` (${facts.shape.blockCount} layers, f16)` : ' (shape unknown: /api/show pending)'}`,
    ),
    row(`overhead  ${gibLabel(fit.overheadBytes)}  (${gibLabel(OVERHEAD_FIXED_BYTES)} + ${OVERHEAD_SHARE * 100}% of weights)`),
    row(
      free
        ? `total     ${gibLabel(fit.needBytes)}  vs free VRAM ${gibLabel(free.freeVram)} + RAM ${gibLabel(free.freeRam)} → ${fit.label}`
        : `total     ${gibLabel(fit.needBytes)}  (Ollama is remote: this is the requirement only)`,
    ),
    row(`loaded    ${loadedLabel(state, model.name) ?? 'no'}`),
  ];
  const spill = spillFor(state, model.name);
  if (spill) rows.push(row(''), ...spillDetailLines(spill, width).map((l, i) => row(l, i === 0 ? 'warn' : 'text')));
  rows.push(
    row(''),
    row(`num_ctx   ${numCtx.toLocaleString('en-US')}   + / - doubles or halves it`),
    row(`num_gpu   ${numGpu === undefined ? 'auto (Ollama decides)' : `${numGpu} layers`}   ] / [ one more / fewer, 0 key: auto`),
    ...wrapText('Changing these reloads the model; they go with every request to it. Tab or Esc returns.', Math.max(1, width)).map((l) => row(l, 'muted')),
  );
  return rows;
}
