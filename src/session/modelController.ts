/**
 * The current model: chosen on connect (modelChoice.ts), switched by the picker, described by /api/show
 * (capabilities → think options, block count, quantization). History is kept across switches.
 */
import { OllamaError, type OllamaApi, type PsModel, type TagModel } from '../backends/ollama/types.js';
import type { Backend, BackendModel, LoadedModel } from '../backends/backend.js';
import { asOllamaError, tagOf } from '../backends/openai/ollamaFacade.js';
import { thinkSupport } from '../backends/capabilities.js';
import { blockCountOf, chooseModel, factsOf, isInstalled, quantizationOf, sameModel } from './modelChoice.js';
import type { ModelSettings, ServedModel } from './modelTypes.js';
import type { Notices } from './notices.js';
import type { PlacementPoller } from './placementPoller.js';
import { Preloader } from './preload.js';
import type { AppStore } from './store.js';
import { defaultThink, hasThinking, nextThink, thinkLabel, thinkOptions } from './thinkPolicy.js';
import type { ModelState } from './types.js';
import type { ThinkValue } from '../core/chatTypes.js';

export interface ModelDeps {
  api: OllamaApi;
  /**
   * The session's Backend: for a server other than Ollama (state.server set) the model list and what is
   * loaded come from its listModels() / loaded() (context length, one model only, LM Studio's loaded
   * state, llama.cpp /slots), not from the OllamaApi facade.
   */
  backend?: Backend;
  store: AppStore;
  notices: Notices;
  poller: PlacementPoller;
  /** --model */
  flagModel?: string | undefined;
  /** The think setting to start with (config `think` / --think); F4 changes it. */
  initialThink?: ThinkValue | undefined;
  onUnreachable: (err: OllamaError) => void;
  /** Preload on select() (default true). */
  preloadOnSwitch?: boolean;
  /** Clock (performance.now() ms by default). */
  now?: () => number;
}

/** Per model, what the server says (listModels() joined with loaded()). */
export function servedOf(models: readonly BackendModel[], loaded: readonly LoadedModel[] | undefined): Record<string, ServedModel> {
  const out: Record<string, ServedModel> = {};
  for (const m of models) {
    const l = loaded?.find((x) => x.name === m.name) ?? (models.length === 1 ? loaded?.[0] : undefined);
    const s: ServedModel = {};
    const ctx = l?.contextLength ?? m.contextLength;
    if (ctx !== undefined) s.contextLength = ctx;
    if (m.servedExactlyOne) s.servedExactlyOne = true;
    if (m.loaded !== undefined) s.loaded = m.loaded;
    else if (loaded !== undefined) s.loaded = l !== undefined;
    if (l?.slots) s.slots = l.slots;
    out[m.name] = s;
  }
  return out;
}

export class ModelController {
  /** The user's last cycleThink() choice, reused when switching to another thinking model. */
  private preference: ThinkValue | undefined;
  /** The server answered a think level with 400: offer only on/off from now on. */
  private levelsRejected = false;
  private showSeq = 0;
  private readonly preloader: Preloader;
  private describingAll = false;
  /**
   * Sparkline histories not on screen, by host and model (the current pair's is rates.history): a model
   * switch and a host switch both park the figures, and switching back brings them back. The same model
   * name on two hosts is two histories (another box is another speed).
   */
  private readonly parkedRates = new Map<string, number[]>();
  /** The host switched: the next model chosen there gets its parked history back. */
  private restoreRatesOnChoice = false;
  /** After a host switch: keep this model when the new host has it; the --model flag was for the first host. */
  private preferred: string | undefined;
  private hostSwitched = false;
  /** Servers (by label) already told that the think setting is not sent to them: the notice shows once. */
  private readonly thinkIgnoredShown = new Set<string>();

  constructor(private readonly deps: ModelDeps) {
    this.preference = deps.initialThink;
    this.preloader = new Preloader({
      api: deps.api,
      store: deps.store,
      notices: deps.notices,
      now: deps.now ?? (() => performance.now()),
      optionsFor: (name) => this.optionsFor(name),
      onLoaded: () => deps.poller.kick(),
      onUnreachable: deps.onUnreachable,
    });
  }

  private get state(): ModelState {
    return this.deps.store.getState().model;
  }

  private patch(p: Partial<ModelState>): void {
    const next: ModelState = { ...this.state, ...p };
    for (const key of Object.keys(p) as Array<keyof ModelState>) if (p[key] === undefined && key !== 'think') delete next[key];
    this.deps.store.update({ model: next });
  }

  private handle(err: unknown): void {
    if (err instanceof OllamaError && err.kind === 'unreachable') this.deps.onUnreachable(err);
  }

  /** After (re)connecting: reload the installed list; choose a model only the first time or if none. */
  async refresh(first: boolean): Promise<void> {
    const { api, store, notices, poller } = this.deps;
    let installed: TagModel[];
    let loaded: PsModel[];
    let served: Record<string, ServedModel> | undefined;
    try {
      if (this.deps.backend && store.getState().server) {
        const backend = this.deps.backend;
        const [list, inMemory] = await Promise.all([backend.listModels(), backend.loaded().catch(() => undefined)]).catch((err: unknown) => {
          throw asOllamaError(err);
        });
        installed = list.map(tagOf);
        served = servedOf(list, inMemory);
        // no placement: these servers report no CPU/GPU split (the panel says n/a and why)
        loaded = [];
      } else {
        [installed, loaded] = await Promise.all([api.tags(), api.ps()]);
      }
    } catch (err) {
      this.handle(err);
      // a server that answers but refuses the list (e.g. 401: a key is needed) says why
      if (err instanceof OllamaError && err.kind !== 'unreachable') notices.show(err.message, 'error');
      return;
    }
    poller.accept(loaded);
    this.patch({ installed, listed: true, served });
    if (first || this.state.current === undefined) {
      const preferred = this.preferred;
      this.preferred = undefined;
      const choice = preferred && isInstalled(installed, preferred)
        ? { current: preferred, reason: 'hostSwitch' as const, notice: undefined }
        : chooseModel({ installed, loaded, flag: this.hostSwitched ? undefined : this.deps.flagModel, host: api.host });
      this.patch({ current: choice.current, reason: choice.reason, quantization: quantizationOf(installed, choice.current) });
      if (choice.notice) notices.show(choice.notice, 'warn');
      if (this.restoreRatesOnChoice && choice.current) store.update({ rates: { history: this.parkedRates.get(this.rateKey(choice.current)) ?? [] } });
      this.restoreRatesOnChoice = false;
    }
    store.flush();
    if (this.state.current) await this.describe(this.state.current);
    await this.describeAll();
  }

  /** The session talks to another host now: forget this host's models; keep `preferred` if the new host has it. */
  resetForHost(preferred: string | undefined): void {
    this.preferred = preferred;
    this.hostSwitched = true;
    // park the current host × model figures (the store still names the old host here); the new host's
    // model gets its own back once chosen (refresh)
    const current = this.state.current;
    if (current) this.parkedRates.set(this.rateKey(current), this.deps.store.getState().rates.history);
    this.restoreRatesOnChoice = true;
    this.levelsRejected = false;
    this.showSeq++;
    this.deps.store.update({ model: { installed: [], think: undefined } });
  }

  /** Read /api/show once per installed model (picker columns and fit), one at a time. */
  async describeAll(): Promise<void> {
    if (this.describingAll) return;
    this.describingAll = true;
    try {
      for (const m of this.state.installed) {
        if (this.state.facts?.[m.name]) continue;
        try {
          const info = await this.deps.api.show(m.name);
          this.patch({ facts: { ...this.state.facts, [m.name]: factsOf(info) } });
        } catch (err) {
          if (err instanceof OllamaError && err.kind === 'unreachable') return this.handle(err);
        }
      }
    } finally {
      this.describingAll = false;
      this.deps.store.flush();
    }
  }

  /** `options` for requests to `name`: its num_ctx / num_gpu when the user set them. */
  optionsFor(name: string | undefined): Record<string, number> | undefined {
    if (!name) return undefined;
    const s = this.state.settings?.[name];
    if (!s) return undefined;
    const options: Record<string, number> = {};
    if (s.numCtx !== undefined) options.num_ctx = s.numCtx;
    if (s.numGpu !== undefined) options.num_gpu = s.numGpu;
    return Object.keys(options).length > 0 ? options : undefined;
  }

  /** Change num_ctx / num_gpu for a model; the current model is reloaded with them at once. */
  setSettings(name: string, settings: ModelSettings): void {
    const clean: ModelSettings = {};
    if (settings.numCtx !== undefined) clean.numCtx = settings.numCtx;
    if (settings.numGpu !== undefined) clean.numGpu = settings.numGpu;
    this.patch({ settings: { ...this.state.settings, [name]: clean } });
    this.deps.store.flush();
    if (name === this.state.current) void this.preloader.preload(name);
  }

  /** Unload a model (default: the current one) with keep_alive 0. */
  async unload(name = this.state.current): Promise<void> {
    const { api, notices, poller, store } = this.deps;
    if (!name) return;
    const loaded = store.getState().placement.models.some((p) => sameModel(p.name, name));
    try {
      await api.unload(name);
      notices.show(loaded ? `Unloaded ${name}; its memory is free again.` : `${name} was not loaded; nothing to free.`, 'info');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      notices.show(`Could not unload ${name}: ${message}`, 'error');
      this.handle(err);
    }
    poller.kick();
  }

  /** Switch the model for the next turn. */
  select(name: string): void {
    if (name === this.state.current) return;
    this.swapRateHistory(this.state.current, name);
    this.patch({
      current: name,
      reason: 'chosen',
      capabilities: undefined,
      blockCount: undefined,
      thinkOptions: undefined,
      think: undefined,
      quantization: quantizationOf(this.state.installed, name),
    });
    this.deps.store.flush();
    void this.describe(name);
    this.deps.poller.kick();
    if (this.deps.preloadOnSwitch !== false) void this.preloader.preload(name);
  }

  /** Speed figures stay per model: park the old model's sparkline history, bring back the new one's. */
  private swapRateHistory(from: string | undefined, to: string): void {
    const { store } = this.deps;
    if (from) this.parkedRates.set(this.rateKey(from), store.getState().rates.history);
    store.update({ rates: { history: this.parkedRates.get(this.rateKey(to)) ?? [] } });
  }

  /** The parking key: the host the session talks to now (its base URL) and the model. */
  private rateKey(model: string): string {
    return `${this.deps.store.getState().connection.host}\u0000${model}`;
  }

  /**
   * A server other than Ollama has no /api/show: the think cycle is what that kind of server takes
   * (capabilities.ts thinkSupport). Nothing is sent until the user chose (the server's default, which
   * for DeepSeek-R1 is to think); a preference the server cannot take (config `think`, --think) is not
   * sent, and a one-time notice says so and why.
   */
  private describeServed(name: string, server: NonNullable<ReturnType<AppStore['getState']>['server']>): void {
    const support = thinkSupport(server.kind);
    const pref = this.preference;
    const usable = pref !== undefined && support.options.includes(pref);
    this.patch({ thinkOptions: support.options, think: usable ? pref : undefined });
    if (pref !== undefined && !usable && support.ignored && !this.thinkIgnoredShown.has(server.label)) {
      this.thinkIgnoredShown.add(server.label);
      this.deps.notices.show(`Think ${thinkLabel(pref)} not sent: ${support.ignored}.`, 'info');
    }
    this.deps.store.flush();
  }

  /** Read /api/show for `name` and derive think options; ignored if the user switched meanwhile. */
  async describe(name: string): Promise<void> {
    const served = this.deps.store.getState().server;
    if (served) return this.describeServed(name, served);
    const seq = ++this.showSeq;
    const { api, store } = this.deps;
    try {
      const info = await api.show(name);
      this.patch({ facts: { ...this.state.facts, [name]: factsOf(info) } });
      if (seq !== this.showSeq || this.state.current !== name) return;
      const options = thinkOptions(info.capabilities, store.getState().connection.serverVersion, this.levelsRejected);
      this.patch({
        capabilities: info.capabilities,
        blockCount: blockCountOf(info),
        thinkOptions: options,
        think: defaultThink(options, this.preference),
        quantization: this.state.quantization ?? (info.details.quantization_level || undefined),
      });
    } catch (err) {
      if (seq !== this.showSeq) return;
      this.patch({ capabilities: undefined, blockCount: undefined, thinkOptions: [], think: undefined });
      if (err instanceof OllamaError && err.kind === 'model-not-found') this.deps.notices.show(err.message, 'warn');
      this.handle(err);
    }
    store.flush();
  }

  cycleThink(): void {
    const { notices, store } = this.deps;
    const options = this.state.thinkOptions ?? [];
    const served = store.getState().server;
    if (options.length === 0 && served) {
      notices.show(`Nothing to switch: ${thinkSupport(served.kind).ignored ?? `${served.label} takes no think setting`}.`, 'info');
      return;
    }
    if (options.length === 0) {
      const name = this.state.current ?? 'This model';
      notices.show(
        this.state.capabilities === undefined
          ? `The thinking setting is unknown for ${name} (no /api/show answer yet); Ollama decides.`
          : `${name} does not support thinking; there is nothing to switch.`,
        'info',
      );
      return;
    }
    const next = nextThink(this.state.think, options);
    this.preference = next;
    this.patch({ think: next });
    store.flush();
    const how = served?.kind === 'llama.cpp' ? '; llama.cpp hands it to the chat template as enable_thinking, and a template without it (DeepSeek-R1\'s) thinks anyway' : served?.kind === 'openai' ? '; sent as reasoning_effort' : '';
    notices.show(`Thinking: ${thinkLabel(next)} (from the next message${how}).`, 'info');
  }

  /** The server said this model cannot think: stop sending `think` for it. */
  markNoThinking(name: string): void {
    if (this.state.current !== name) return;
    const capabilities = (this.state.capabilities ?? []).filter((c) => c !== 'thinking');
    this.patch({ capabilities, thinkOptions: [], think: undefined });
  }

  /** The server rejected a think level: offer on/off only; a level in use becomes `true`. */
  markLevelsRejected(): void {
    this.levelsRejected = true;
    if (typeof this.preference === 'string') this.preference = true;
    const options = (this.state.thinkOptions ?? []).filter((v) => typeof v === 'boolean');
    this.patch({ thinkOptions: options, think: typeof this.state.think === 'string' ? true : this.state.think });
  }

  get thinkingCapable(): boolean {
    return hasThinking(this.state.capabilities);
  }
}
