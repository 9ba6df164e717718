/**
 * The context-window facts kept on a Turn (a types-only module, so session/types.ts can name them
 * without importing contextTurn.ts, which imports session/types.ts).
 */
import type { CutVerdict, FitCheck, PromptParts } from '../core/contextFit.js';
import type { ContextSize } from '../core/contextWindow.js';
import type { WaitPlan } from '../core/waitEstimate.js';

/** Context facts of one turn (recorded at send, completed when the reply is done). */
export interface TurnContext {
  /** Raw (uncalibrated) token estimates of what was sent. */
  parts: PromptParts;
  /** The calibrated estimate of the whole prompt (~). */
  promptEstimate: number;
  /** options.num_ctx the request carried. */
  numCtxSent?: number;
  /** The context size known when the question went out. */
  size?: ContextSize;
  /** The one-line warning shown before sending, when it would not fit. */
  warning?: string;
  /** After the reply: did Ollama drop old messages. */
  cut?: CutVerdict;
  /** After the reply: prompt + generated tokens outgrew num_ctx. */
  shifted?: boolean;
  /** After the reply: the fit check for the next question (history with this turn + a typical reply). */
  next?: FitCheck;
  /** The wait before the first token as planned at send (load, prompt eval). */
  wait?: WaitPlan;
}
