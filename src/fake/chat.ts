import type { ServerResponse } from 'node:http';
import { RequestClock } from './clock.js';
import { defaultKeepAliveOf, versionOf, type ServerContext } from './context.js';
import { generate } from './generate.js';
import { badBodyMessage, sendError, sendJson, sendText } from './http.js';
import { checkThinkCapability, modelNotFound, validateThinkValue } from './think.js';
import { nowPrecise, parseKeepAlive, rfc3339Utc } from './time.js';
import type { LoadOptions } from './state.js';
import type { FakeFault, RecordedRequest } from './types.js';

export const BUSY_MESSAGE = 'server busy, please try again.  maximum pending requests exceeded';

function pickFault(ctx: ServerContext, req: RecordedRequest): FakeFault | undefined {
  const fault = ctx.options.fault;
  return typeof fault === 'function' ? fault(req, ctx.chatCount) : fault;
}

/** Faults that answer before anything is streamed. Returns true when it answered. */
function answerEarlyFault(res: ServerResponse, fault: FakeFault | undefined): boolean {
  if (!fault) return false;
  if (fault.kind === 'busy') {
    sendError(res, 503, BUSY_MESSAGE);
    return true;
  }
  if (fault.kind === 'status') {
    if (fault.contentType === 'text') sendText(res, fault.status, fault.error);
    else sendError(res, fault.status, fault.error);
    return true;
  }
  return false;
}

/** POST /api/chat */
export async function handleChat(ctx: ServerContext, req: RecordedRequest, res: ServerResponse): Promise<void> {
  ctx.chatCount++;
  const body = req.body;
  const bad = badBodyMessage(body);
  if (bad) return sendError(res, 400, bad);
  const version = versionOf(ctx);
  const thinkError = validateThinkValue(body.think, version);
  if (thinkError) return sendError(res, thinkError.status, thinkError.error);

  let keepAliveMs: number;
  try {
    keepAliveMs = parseKeepAlive(body.keep_alive) ?? defaultKeepAliveOf(ctx);
  } catch (err) {
    return sendError(res, 400, (err as Error).message);
  }
  const sentName: unknown = body.model;
  if (typeof sentName !== 'string' || sentName.trim() === '') return sendError(res, 400, 'model is required');

  const fault = pickFault(ctx, req);
  const model = ctx.state.find(sentName);
  if (!model) return sendError(res, 404, modelNotFound(sentName, version));
  if (answerEarlyFault(res, fault)) return;

  const capabilityError = checkThinkCapability(body.think, model, sentName, version);
  if (capabilityError) return sendError(res, capabilityError.status, capabilityError.error);

  const options = body.options ?? {};
  for (const key of ['num_ctx', 'num_predict', 'num_gpu']) {
    const v = options[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v))) {
      return sendError(res, 500, `option "${key}" must be of type integer`);
    }
  }
  const load: LoadOptions = { numCtx: options.num_ctx, numGpu: options.num_gpu };

  const clock = new RequestClock();
  ctx.clocks.add(clock);
  res.on('close', () => {
    if (!res.writableFinished) clock.cancel();
  });
  try {
    const messages: unknown = body.messages;
    if (!Array.isArray(messages) || messages.length === 0) {
      await loadOrUnload(ctx, res, clock, { sentName, model, load, keepAliveMs, explicitZero: keepAliveMs === 0 });
      return;
    }
    await generate(ctx, req, res, clock, { sentName, model, load, keepAliveMs, fault, version });
  } finally {
    clock.cancel();
    ctx.clocks.delete(clock);
  }
}

interface LoadArgs {
  sentName: string;
  model: import('./types.js').FakeModel;
  load: LoadOptions;
  keepAliveMs: number;
  explicitZero: boolean;
}

/** `messages: []`: load (done_reason "load") or, with keep_alive 0, unload ("unload"). */
async function loadOrUnload(ctx: ServerContext, res: ServerResponse, clock: RequestClock, a: LoadArgs): Promise<void> {
  const reply = (reason: string) =>
    sendJson(res, 200, {
      model: a.sentName,
      created_at: rfc3339Utc(nowPrecise()),
      message: { role: 'assistant', content: '' },
      done_reason: reason,
      done: true,
    });
  if (a.explicitZero) {
    ctx.state.unload(a.model.name);
    return reply('unload');
  }
  const { waitMs } = ctx.state.begin(a.model, a.load, a.keepAliveMs, Math.max(0, ctx.options.headerDelayMs ?? 0));
  let ok = true;
  if (waitMs > 0) ok = await clock.sleep(waitMs);
  ctx.state.end(a.model.name, a.keepAliveMs);
  if (ok) reply('load');
}
