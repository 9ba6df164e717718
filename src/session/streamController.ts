/**
 * Sending a message and streaming the reply into the store.
 *
 * send(): adds a Turn, phase 'loading', builds the history (history.ts), calls /api/chat and feeds each
 * chunk to a TurnMeter; the store coalesces the many small updates to ~20 Hz (tokens never flush).
 * On done / stop / error the store is flushed at once.
 * Recoverable failures are retried without an error screen (retryPolicy.ts).
 */
import type { Backend, BackendStream } from '../backends/backend.js';
import { BackendError } from '../backends/errors.js';
import { finalMetricsFromStats } from '../backends/ollama/ollamaBackend.js';
import type { ConnectionController } from './connection.js';
import { buildMessages, type HistoryOptions } from './history.js';
import type { ModelController } from './modelController.js';
import type { Notices } from './notices.js';
import type { PlacementPoller } from './placementPoller.js';
import type { AppStore } from './store.js';
import type { Timers } from './timers.js';
import { decideRetry, initialRetryState, type RetryDecision } from './retryPolicy.js';
import { TurnMeter } from './turnMeter.js';
import { newTurn, noModelSentence } from './newTurn.js';
import { beginContext, endContext } from './contextTurn.js';
import { expectsUntaggedReasoning } from './thinkPolicy.js';
import { beginWait, measuredWait, memoryWaitStore, type WaitMeasureStore } from './waitTurn.js';
import { log } from '../system/log.js';
import { nameOfUrl, publicHost } from './hostList.js';
import type { LiveRates, Notice, Phase, Turn } from './types.js';
import type { ThinkValue } from '../core/chatTypes.js';

export const DEFAULT_BUSY_DELAYS_MS = [1000, 2000, 4000];
/**
 * Live figures (rates, the reasoning token count) change on screen at most this often while streaming;
 * the timer also refreshes them without new tokens (stalls decay the rate).
 */
export const RATE_TICK_MS = 1000;
/**
 * While tokens flow, figures that are due ride on the next token's frame instead of a frame of their own
 * (a 2 tok/s stream: 2 frames a second, not 3); at the latest this long after the last refresh they are
 * drawn anyway. When no token came for RATE_TICK_MS (a stall), the timer refreshes them once a second.
 */
export const RATE_LATEST_MS = 1500;
/** Final eval rates kept for the sparkline. */
export const RATE_HISTORY_LIMIT = 120;

export interface StreamDeps extends HistoryOptions {
  /** The server the chat goes to (Ollama native or OpenAI-compatible). */
  backend: Backend;
  /** Server name for sentences ("Ollama", "vLLM 0.19.1"). */
  serverName?: string;
  store: AppStore;
  notices: Notices;
  timers: Timers;
  now: () => number;
  models: ModelController;
  connection: ConnectionController;
  poller: PlacementPoller;
  busyDelaysMs?: number[];
  /** Extra /api/chat options (num_ctx, ...). Keep load-time options stable between turns (2.2). */
  chatOptions?: () => Record<string, number | string | boolean | string[]> | undefined;
  keepAlive?: string | number;
  /** This host's measured load times and prompt-eval rates per model (default: memory only). */
  waits?: WaitMeasureStore;
}

interface TurnRun {
  turn: Turn;
  meter: TurnMeter;
  abort: AbortController;
  stream?: BackendStream;
  cancelled: boolean;
  wait?: { cancel: () => void };
  malformedNotice?: Notice;
  busyNotice?: Notice;
  /** When the live figures were last refreshed (see RATE_TICK_MS). */
  figuresAt?: number;
  /** now() when the last token (chunk) arrived. */
  chunkAt?: number;
}

function asBackendError(err: unknown, server: string): BackendError {
  if (err instanceof BackendError) return err;
  return new BackendError('server-error', `Something went wrong while talking to ${server}; the details are in the log.`, { cause: err });
}

/** How long a message sent before the model list arrived waits for the model choice. */
export const MODEL_WAIT_MS = 10_000;

export class StreamController {
  private active: TurnRun | undefined;
  private rateTimer: NodeJS.Timeout | undefined;
  /** Models for which the "does not support thinking" notice was already shown. */
  private readonly noThinkNoticeShown = new Set<string>();

  /** A message sent while connected but before the model was chosen: sent once the choice is made. */
  private waiting: { text: string; unsubscribe: () => void; timer: NodeJS.Timeout } | undefined;

  private readonly waits: WaitMeasureStore;

  constructor(private readonly deps: StreamDeps) {
    this.waits = deps.waits ?? memoryWaitStore();
  }

  /** Hold `text` until a model is chosen (the model list is still loading), at most `MODEL_WAIT_MS`. */
  private waitForModel(text: string): void {
    const { store, notices } = this.deps;
    this.cancelWait();
    let held: Notice | undefined;
    // the "goes out as soon as" notice is done once the message went out
    const stop = () => {
      this.cancelWait();
      notices.clearIf(held);
    };
    const unsubscribe = store.subscribe(() => {
      const now = store.getState();
      // a model was chosen, or the server turned out unreachable (then the turn says why, text kept)
      if (!now.model.current && now.connection.status !== 'unreachable') return;
      stop();
      this.send(text);
    });
    const timer = setTimeout(() => {
      stop();
      this.send(text);
    }, MODEL_WAIT_MS);
    timer.unref?.();
    this.waiting = { text, unsubscribe, timer };
    const connecting = store.getState().connection.status === 'connecting';
    held = notices.show(
      connecting
        ? 'Still connecting; your message goes out as soon as a model is ready.'
        : 'Choosing a model from the list Ollama sent; your message goes out as soon as that is done.',
      'info',
    );
  }

  private cancelWait(): void {
    if (!this.waiting) return;
    clearTimeout(this.waiting.timer);
    this.waiting.unsubscribe();
    this.waiting = undefined;
  }

  get streaming(): boolean {
    return this.active !== undefined;
  }

  send(text: string): void {
    const { store, notices, now } = this.deps;
    if (this.active || text.trim() === '') return;
    const state = store.getState();
    const model = state.model.current;
    const past = state.turns;
    const startedAt = now();
    // Still connecting, or the model list not in yet (a question typed ahead at start-up): hold it.
    const modelComing = state.connection.status === 'connecting' || (state.connection.status === 'connected' && !state.model.listed);
    if (!model && !this.waiting && modelComing) {
      this.waitForModel(text);
      return;
    }
    if (!model) {
      // Keep what the user typed: it becomes a failed turn they can see (and re-ask later).
      const why = noModelSentence(state.connection);
      const failed: Turn = { ...newTurn(past, text, '', startedAt), status: 'error', error: why, endedAt: startedAt };
      store.update({ turns: [...past, failed] });
      store.touchTurns();
      notices.show(why, 'error');
      return;
    }
    const turn = newTurn(past, text, model, startedAt);
    if (state.model.quantization) turn.quantization = state.model.quantization;
    turn.host = publicHost({ name: state.connection.hostName ?? nameOfUrl(state.connection.host), url: state.connection.host });
    const messages = buildMessages(past, text, { ...this.deps, system: state.chatSettings?.system ?? this.deps.system });
    const numCtx = this.deps.chatOptions?.()?.num_ctx;
    turn.context = beginContext({
      state,
      past,
      model,
      messages,
      ...(typeof numCtx === 'number' ? { numCtxSent: numCtx } : {}),
      keepReasoning: this.deps.keepReasoning ?? false,
    });
    turn.context.wait = beginWait(state, past, turn, this.waits.get(state.connection.host, model));
    const run: TurnRun = { turn, meter: new TurnMeter(turn), abort: new AbortController(), cancelled: false };
    this.active = run;
    store.update({
      turns: [...past, turn],
      phase: 'loading',
      phaseSince: startedAt,
      loop: null,
      rates: { history: state.rates.history },
    });
    store.touchTurns();
    store.flush();
    this.scheduleRateTick();
    this.deps.poller.kick();
    if (turn.context.warning) notices.show(turn.context.warning, 'warn');
    void this.execute(run, messages, state.model.think);
  }

  /** Real abort: closes the connection (Ollama stops generating); the partial text is kept. */
  stop(): void {
    const run = this.active;
    if (!run) return;
    run.cancelled = true;
    run.abort.abort();
    run.stream?.abort();
    run.wait?.cancel();
    this.finish(run, 'stopped');
  }

  stopAndReask(): void {
    const { store } = this.deps;
    const question = this.active?.turn.user ?? store.getState().turns.at(-1)?.user;
    if (question === undefined) return;
    this.stop();
    this.send(question);
  }

  dispose(): void {
    this.cancelWait();
    const run = this.active;
    if (run) {
      run.cancelled = true;
      run.abort.abort();
      run.stream?.abort();
      run.wait?.cancel();
    }
    this.active = undefined;
    this.deps.timers.cancel(this.rateTimer);
  }

  private async execute(run: TurnRun, messages: ReturnType<typeof buildMessages>, initialThink: ThinkValue | undefined): Promise<void> {
    const { backend } = this.deps;
    const busyDelays = this.deps.busyDelaysMs ?? DEFAULT_BUSY_DELAYS_MS;
    const retry = initialRetryState(initialThink);
    const model = run.turn.model;
    for (;;) {
      const think = retry.think;
      run.turn.think = think;
      try {
        const options = this.deps.chatOptions?.();
        const stream = await backend.chat({
          model,
          messages,
          ...(think !== undefined ? { think } : {}),
          ...(options ? { options } : {}),
          ...(this.deps.keepAlive !== undefined ? { keepAlive: this.deps.keepAlive } : {}),
          signal: run.abort.signal,
        });
        if (run.cancelled) {
          stream.abort();
          return;
        }
        run.stream = stream;
        const st = this.deps.store.getState();
        run.meter.expectThinking(expectsUntaggedReasoning(model, st.model.capabilities, think, st.connection.serverVersion));
        this.deps.notices.clearIf(run.busyNotice);
        await this.pump(run, stream);
        return;
      } catch (caught) {
        if (run.cancelled) return;
        const err = asBackendError(caught, this.deps.serverName ?? 'Ollama');
        const decision = decideRetry(err, retry, run.turn.firstChunkAt !== undefined, busyDelays);
        if (!decision.retry) {
          this.fail(run, err);
          return;
        }
        log.info(`chat retry (${decision.because}) for ${model}`, err.detail ?? err.message);
        if (!(await this.beforeRetry(run, decision))) return;
      }
    }
  }

  /** Side effects of a retry: notices, model state, the busy wait. False when stopped meanwhile. */
  private async beforeRetry(run: TurnRun, decision: Extract<RetryDecision, { retry: true }>): Promise<boolean> {
    const { models, notices } = this.deps;
    const model = run.turn.model;
    switch (decision.because) {
      case 'no-thinking':
        models.markNoThinking(model);
        if (!this.noThinkNoticeShown.has(model)) {
          this.noThinkNoticeShown.add(model);
          notices.show(`${model} does not support thinking; sent without the think option.`, 'info');
        }
        return true;
      case 'levels-rejected':
        models.markLevelsRejected();
        notices.show('This Ollama server does not accept think levels; sent with thinking on instead.', 'info');
        return true;
      case 'reconnect':
        return true;
      case 'busy': {
        const server = this.deps.serverName ?? 'Ollama';
        // Ollama's own sentence ends with "Try again in a moment."; the others say what the server said
        const why = this.deps.backend.kind === 'ollama' ? `${server} is busy (too many queued requests).` : decision.sentence;
        const ollama = this.deps.backend.kind === 'ollama';
        const show = (leftMs: number) => {
          const left = `${Math.max(1, Math.ceil(leftMs / 1000))} s (${decision.attempt} of ${decision.of})`;
          // the countdown goes first for other servers: their sentence can be long and the notice row cuts it
          const text = ollama ? `${why.replace(/\.$/, '')}; trying again in ${left} · Esc cancels.` : `Trying again in ${left}, Esc cancels · ${why}`;
          return notices.show(text, 'warn');
        };
        const until = this.deps.now() + decision.delayMs;
        run.busyNotice = show(decision.delayMs);
        // a visible countdown: the notice is rewritten once a second until the retry
        const tick = setInterval(() => {
          if (run.cancelled) return;
          run.busyNotice = show(until - this.deps.now());
        }, 1000);
        tick.unref?.();
        const wait = this.deps.timers.sleep(decision.delayMs);
        run.wait = wait;
        try {
          await wait.promise;
        } finally {
          clearInterval(tick);
        }
        run.wait = undefined;
        return !run.cancelled;
      }
    }
  }

  private async pump(run: TurnRun, stream: BackendStream): Promise<void> {
    const { store, notices } = this.deps;
    for await (const ev of stream) {
      if (run.cancelled) return;
      if (ev.type === 'warning') {
        run.malformedNotice ??= notices.show(ev.message, 'warn');
        continue;
      }
      if (ev.type === 'stats') {
        run.turn.stats = ev.stats;
        continue;
      }
      if (ev.type === 'progress') {
        run.turn.promptProgress = ev.progress;
        run.turn.rev++;
        store.update({});
        store.touchTurns();
        continue;
      }
      if (ev.type === 'done') {
        run.turn.metrics = finalMetricsFromStats(ev.stats);
        run.turn.stats = ev.stats;
        if (ev.finishReason !== undefined) run.turn.doneReason = ev.finishReason;
        run.turn.endedAt = ev.at;
        this.finish(run, 'done');
        return;
      }
      const outcome = run.meter.chunk(ev.reasoning, ev.content, ev.at);
      run.chunkAt = this.deps.now();
      const patch: { phase?: Phase; phaseSince?: number; rates?: LiveRates; loop?: { turnId: number; evidence: string } | null } = {};
      if (run.figuresAt === undefined || ev.at - run.figuresAt >= RATE_TICK_MS) {
        run.figuresAt = ev.at;
        run.turn.shown = { at: ev.at, thinkingTokens: run.turn.thinkingTokens };
        patch.rates = run.meter.liveRates(ev.at, store.getState().rates.history);
      }
      if (outcome.phase !== store.getState().phase && outcome.phase !== 'loading') {
        patch.phase = outcome.phase;
        patch.phaseSince = ev.at;
      }
      if (outcome.loopEvidence !== undefined) patch.loop = { turnId: run.turn.id, evidence: outcome.loopEvidence };
      else if (outcome.loopCleared) patch.loop = null;
      store.update(patch);
      store.touchTurns();
    }
    if (!run.cancelled) {
      // The clients throw for this themselves; this guards other Backend implementations.
      throw new BackendError('stream-incomplete', 'The reply was cut off: the stream ended before the end. The partial reply is kept.');
    }
  }

  private fail(run: TurnRun, err: BackendError): void {
    const { connection, notices } = this.deps;
    if (err.kind !== 'aborted') log.warn(`chat failed (${err.kind}) for ${run.turn.model}: ${err.message}`, err.detail);
    run.turn.error = err.message;
    this.finish(run, err.kind === 'aborted' ? 'stopped' : 'error');
    if (err.kind === 'aborted') return;
    notices.show(err.message, 'error');
    if (err.kind === 'unreachable') connection.markUnreachable(err);
    else if (err.kind === 'stream-incomplete' || err.kind === 'timeout') connection.verify();
  }

  /** End the turn (done, stopped or error): flush held text, final figures, phase idle, notify now. */
  private finish(run: TurnRun, status: Turn['status']): void {
    const { store, now, timers } = this.deps;
    if (this.active !== run) return;
    this.active = undefined;
    timers.cancel(this.rateTimer);
    this.rateTimer = undefined;
    const turn = run.turn;
    const at = now();
    turn.endedAt ??= at;
    run.meter.finish(turn.endedAt, status === 'done');
    if (run.meter.unthought && status === 'done') {
      this.deps.notices.show('The reply had no </think>: what streamed as reasoning was the answer after all, and is shown as the answer now.', 'info');
    }
    turn.status = status;
    turn.rev++;
    const state = store.getState();
    let history = state.rates.history;
    const rates = run.meter.finalRates(history);
    if (status === 'done' && rates.rate !== undefined && turn.metrics?.evalCount) {
      history = [...history, rates.rate].slice(-RATE_HISTORY_LIMIT);
      rates.history = history;
    }
    store.update({ phase: 'idle', phaseSince: at, rates, loop: null });
    if (status === 'done') {
      const past = state.turns.filter((t) => t !== turn);
      const next = buildMessages([...past, turn], '', { ...this.deps, system: state.chatSettings?.system ?? this.deps.system });
      const measured = measuredWait(past, turn);
      if (measured) this.waits.record(state.connection.host, turn.model, measured);
      const said = endContext(turn, past, state, next);
      // one row: the most important first (a cut before a shift; the panel shows both)
      if (said.length > 0) this.deps.notices.show(said[0]!, 'warn');
    }
    store.touchTurns();
    store.flush();
    this.deps.poller.kick();
  }

  /**
   * The live figures' timer. A token refreshes them when they are due (≥ RATE_TICK_MS old), in its own
   * frame. The timer refreshes them only when no token did: at once when the stream stalled (no token for
   * RATE_TICK_MS), else when they are RATE_LATEST_MS old, so a slow stream costs no extra frame for them.
   */
  private scheduleRateTick(delayMs = RATE_TICK_MS): void {
    const { timers, store, now } = this.deps;
    timers.cancel(this.rateTimer);
    this.rateTimer = timers.after(Math.max(10, delayMs), () => {
      this.rateTimer = undefined;
      const run = this.active;
      if (!run) return;
      const t = now();
      const age = run.figuresAt === undefined ? Infinity : t - run.figuresAt;
      if (run.turn.firstChunkAt !== undefined && age < RATE_TICK_MS - 50) {
        this.scheduleRateTick(RATE_TICK_MS - age);
        return;
      }
      const flowing = run.chunkAt !== undefined && t - run.chunkAt < RATE_TICK_MS;
      if (run.turn.firstChunkAt !== undefined && flowing && age < RATE_LATEST_MS - 50) {
        // due, and a token is likely to come before RATE_LATEST_MS: it carries the figures
        this.scheduleRateTick(RATE_LATEST_MS - age);
        return;
      }
      if (run.turn.firstChunkAt !== undefined) {
        const at = t;
        run.figuresAt = at;
        if (run.turn.shown?.thinkingTokens !== run.turn.thinkingTokens) {
          run.turn.shown = { at, thinkingTokens: run.turn.thinkingTokens };
          run.turn.rev++;
          store.touchTurns();
        }
        const prev = store.getState().rates;
        const next = run.meter.liveRates(at, prev.history);
        if (next.rate !== prev.rate || next.thinkingRate !== prev.thinkingRate || next.answerRate !== prev.answerRate) {
          store.update({ rates: next });
        }
      }
      this.scheduleRateTick();
    });
  }
}
