import type { ServerResponse } from 'node:http';
import { RequestClock } from './clock.js';
import { speedOf, splitWritesOf, type ServerContext } from './context.js';
import { nameFromBody } from './endpoints.js';
import { badBodyMessage, NdjsonWriter, sendError, sendJson } from './http.js';
import { digestOf, findModel } from './models.js';
import type { FakeModel, RecordedRequest } from './types.js';

/** Progress cadence of a real pull (server/download.go), before `speed`. */
export const PULL_CADENCE_MS = 60;
const WEIGHT_STEPS = 10;
export const MANIFEST_MISSING = 'pull model manifest: file does not exist';

interface Layer {
  digest: string;
  total: number;
}

function layersOf(m: FakeModel): Layer[] {
  const weights = Math.max(1, m.sizeOnDisk - 1024 - 148 - 487);
  return [
    { digest: digestOf(m.name, 'weights'), total: weights },
    { digest: digestOf(m.name, 'license'), total: 1065 },
    { digest: digestOf(m.name, 'template'), total: 556 },
    { digest: digestOf(m.name, 'params'), total: 148 },
  ].slice(0, 3);
}

/** The progress lines of one pull (without pacing). */
export function pullLines(m: FakeModel, alreadyInstalled: boolean): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [{ status: 'pulling manifest' }];
  for (const layer of layersOf(m)) {
    const base = { status: `pulling ${layer.digest.slice(0, 12)}`, digest: `sha256:${layer.digest}`, total: layer.total };
    const steps = alreadyInstalled || layer.total < 1e6 ? 1 : WEIGHT_STEPS;
    if (steps > 1) lines.push({ ...base }); // completed left out while 0
    for (let s = 1; s <= steps; s++) {
      lines.push({ ...base, completed: Math.round((layer.total * s) / steps) });
    }
  }
  lines.push({ status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'success' });
  return lines;
}

/** POST /api/pull (model or name). */
export async function handlePull(ctx: ServerContext, req: RecordedRequest, res: ServerResponse): Promise<void> {
  const bad = badBodyMessage(req.body);
  if (bad) return sendError(res, 400, bad);
  const name = nameFromBody(req.body);
  if (!name) return sendError(res, 400, 'model is required');
  if (!/^[\w.\-/]+(:[\w.\-]+)?$/.test(name)) return sendError(res, 400, `name "${name}" is invalid`);
  const stream = req.body.stream !== false;
  const installed = ctx.state.find(name);
  const source = installed ?? findModel(ctx.registry, name);
  const cadence = PULL_CADENCE_MS / speedOf(ctx);

  const clock = new RequestClock();
  ctx.clocks.add(clock);
  res.on('close', () => {
    if (!res.writableFinished) clock.cancel();
  });
  try {
    if (!source) {
      if (!stream) {
        if (await clock.sleep(cadence)) sendError(res, 500, MANIFEST_MISSING);
        return;
      }
      const writer = new NdjsonWriter(res, clock, splitWritesOf(ctx));
      if (!(await writer.line({ status: 'pulling manifest' }))) return;
      if (!(await clock.sleep(cadence))) return;
      if (await writer.line({ error: MANIFEST_MISSING })) writer.end();
      return;
    }
    const lines = pullLines(source, installed !== undefined);
    const writer = new NdjsonWriter(res, clock, splitWritesOf(ctx));
    for (const line of lines) {
      if (!(await clock.sleep(cadence))) return;
      if (line.status === 'success') ctx.state.addPulled(source);
      if (stream && !(await writer.line(line))) return;
    }
    if (stream) writer.end();
    else sendJson(res, 200, { status: 'success' });
  } finally {
    clock.cancel();
    ctx.clocks.delete(clock);
  }
}
