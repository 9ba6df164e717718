import type { RequestClock } from './clock.js';
import type { ModelState } from './state.js';
import type { FakeModel, FakeOptions } from './types.js';

export const DEFAULT_VERSION = '0.12.6';
export const DEFAULT_TOKENS_PER_SECOND = 30;
export const DEFAULT_KEEP_ALIVE_MS = 5 * 60_000;

/** What every endpoint handler shares: live options, model state, running clocks. */
export interface ServerContext {
  options: FakeOptions;
  state: ModelState;
  /** Models /api/pull can fetch (installed ones included). */
  registry: FakeModel[];
  clocks: Set<RequestClock>;
  chatCount: number;
}

export const versionOf = (ctx: ServerContext) => ctx.options.version ?? DEFAULT_VERSION;
export const speedOf = (ctx: ServerContext) => (ctx.options.speed && ctx.options.speed > 0 ? ctx.options.speed : 1);
export const rateOf = (ctx: ServerContext) => ctx.options.tokensPerSecond ?? DEFAULT_TOKENS_PER_SECOND;
export const defaultKeepAliveOf = (ctx: ServerContext) => ctx.options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
export const splitWritesOf = (ctx: ServerContext) => ctx.options.splitWrites ?? true;
