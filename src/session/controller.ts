/**
 * The session: wires the connection, model, placement and stream controllers to one AppStore and
 * exposes the AppActions the UI calls. Nothing here renders; the UI reads store snapshots.
 */
import { samplingOptions } from '../core/chatSettings.js';
import type { OllamaApi } from '../backends/ollama/types.js';
import type { Backend } from '../backends/backend.js';
import { createOllamaBackend } from '../backends/ollama/ollamaBackend.js';
import { ServerMetricsPoller } from './serverMetricsPoller.js';
import { BenchController, type BenchControllerDeps } from './benchController.js';
import { ConnectionController } from './connection.js';
import { ModelController } from './modelController.js';
import { Preloader } from './preload.js';
import { PullController } from './pullController.js';
import { Notices } from './notices.js';
import { PlacementPoller, type PollIntervals } from './placementPoller.js';
import type { AppStore } from './store.js';
import { StreamController } from './streamController.js';
import { Timers } from './timers.js';
import type { AppActions, HostActions } from './types.js';
import type { ThinkValue } from '../core/chatTypes.js';
import type { WaitMeasureStore } from './waitTurn.js';
import { SwitchableBackend, SwitchableOllamaApi } from './hostClient.js';
import type { HostsController } from './hostsController.js';
import { hostSwitcher, type HostClientFactory } from './hostSwitch.js';
import { detectingClients, type DetectingOptions } from './detectingClient.js';

export interface SessionDeps {
  /** Ollama's API, or an OpenAI-compatible backend seen through it (backends/openai/ollamaFacade.ts). */
  api: OllamaApi;
  /** Where chats go; default: Ollama over `api`. */
  backend?: Backend;
  /** Server name for sentences and notices (default "Ollama"). */
  serverName?: string;
  store: AppStore;
  /** --model */
  model?: string;
  /** Clock for state timestamps (performance.now() ms by default, like ChatEvent.at). */
  now?: () => number;
  /** Send earlier turns' reasoning back to the model (default false). */
  keepReasoning?: boolean;
  /** keep_alive sent with every chat (config `keepAlive`); left out when undefined (server default). */
  keepAlive?: string | number;
  /** Initial think setting (config `think`, flag --think); a model that cannot think still gets none. */
  think?: ThinkValue;
  /** Extra /api/chat options, read at each send (e.g. num_ctx). */
  chatOptions?: () => Record<string, number | string | boolean | string[]> | undefined;
  /** This host's measured load times and prompt-eval rates per model (default: memory only). */
  waits?: WaitMeasureStore;
  /** Preload a model when the user switches to it (default true; tests that count requests turn it off). */
  preloadOnSwitch?: boolean;
  /** Timings, shortened by tests. */
  retryDelaysMs?: number[];
  busyDelaysMs?: number[];
  pollIntervals?: PollIntervals;
  /** The TUI's compare-models bench (Alt+R): locality, history file. */
  bench?: Pick<BenchControllerDeps, 'local' | 'saveReport' | 'date' | 'notifyMs'>;
  /**
   * The first host's kind is not known yet (it did not answer at start): `api`/`backend` are unused, the
   * connection check detects the kind on each attempt and then switches to the right clients.
   */
  detectFirst?: Omit<DetectingOptions, 'onDetected'>;
  /** The session's hosts (Alt+H); `clientFor` makes the clients of a host switched to. */
  hosts?: {
    controller: HostsController;
    clientFor: HostClientFactory;
    /** After a switch, with the new host's URL (the CLI re-aims the system sampler: local or remote). */
    onSwitched?: (url: string) => void;
  };
}

export interface Session {
  actions: AppActions;
  /** The options /api/chat gets now: the caller's, the model's num_ctx/num_gpu, the conversation's sampling. */
  requestOptions(): Record<string, number | string | boolean | string[]> | undefined;
  /** The performance panel is shown or hidden: server metrics are polled only while it shows. */
  setPanelVisible(visible: boolean): void;
  /** The host switcher's actions (when the session has hosts). */
  hosts?: HostActions;
  start(): void;
  dispose(): void;
}

export function createSession(deps: SessionDeps): Session {
  const { store } = deps;
  // One client object for every controller; a host switch points it at another server.
  const pending = deps.detectFirst
    ? detectingClients({
        ...deps.detectFirst,
        onDetected: (clients) => {
          api.switchTarget(clients.api);
          backend.switchTarget(clients.backend);
          server.name = clients.serverName;
          const { server: _none, ...rest } = store.getState();
          const { undetected: _u, ...connection } = rest.connection;
          store.replace({ ...rest, ...(clients.server ? { server: clients.server } : {}), connection: { ...connection, host: clients.backend.baseUrl } });
          applyMetricsVisibility();
        },
      })
    : undefined;
  const api = new SwitchableOllamaApi(pending?.api ?? deps.api);
  const backend = new SwitchableBackend(pending?.backend ?? deps.backend ?? createOllamaBackend(deps.api));
  // "Ollama", or the label of another server; changes with a host switch (read through getters below)
  const server = { name: deps.serverName ?? 'Ollama' };
  const now = deps.now ?? (() => performance.now());
  const timers = new Timers();
  const notices = new Notices(store, now);

  // The controllers refer to each other through these late-bound references.
  let stream: StreamController | undefined;
  let models: ModelController | undefined;

  const connection = new ConnectionController({
    api,
    get serverName() {
      return server.name;
    },
    store,
    notices,
    timers,
    now,
    ...(deps.retryDelaysMs ? { retryDelaysMs: deps.retryDelaysMs } : {}),
    onConnected: async (first) => {
      poller.kick();
      await models?.refresh(first);
    },
  });

  const poller = new PlacementPoller({
    api,
    store,
    timers,
    now,
    ...(deps.pollIntervals ? { intervals: deps.pollIntervals } : {}),
    isStreaming: () => stream?.streaming ?? false,
    isConnected: () => connection.connected,
    onUnreachable: (err) => connection.markUnreachable(err),
  });

  models = new ModelController({ api, backend, store, notices, poller, now, preloadOnSwitch: deps.preloadOnSwitch ?? true, flagModel: deps.model, initialThink: deps.think, onUnreachable: (err) => connection.markUnreachable(err) });
  const pulls = new PullController({ api, store, notices, now, onPulled: () => models?.refresh(false) ?? Promise.resolve() });
  const modelsForOptions = models;
  // Per-model num_ctx / num_gpu (picker detail view) on top of the caller's options, on every request.
  const chatOptions = () => {
    const own = modelsForOptions.optionsFor(store.getState().model.current);
    const base = deps.chatOptions?.();
    // the conversation's sampling options (Alt+S) last: they are what the user set for this chat
    const sampling = samplingOptions(store.getState().chatSettings);
    return own || base || sampling ? { ...base, ...own, ...sampling } : undefined;
  };

  stream = new StreamController({
    backend,
    get serverName() {
      return server.name;
    },
    store,
    notices,
    timers,
    now,
    models,
    connection,
    poller,
    ...(deps.keepReasoning !== undefined ? { keepReasoning: deps.keepReasoning } : {}),
    ...(deps.busyDelaysMs ? { busyDelaysMs: deps.busyDelaysMs } : {}),
    ...(deps.keepAlive !== undefined ? { keepAlive: deps.keepAlive } : {}),
    ...(deps.waits ? { waits: deps.waits } : {}),
    chatOptions,
  });

  const s = stream;
  const m = models;
  // After a bench pushed the chat's model out of memory, load it again (phase 'loading', a notice).
  const benchReloader = new Preloader({ api, store, notices, now, optionsFor: (name) => m.optionsFor(name), onLoaded: () => poller.kick(), onUnreachable: (err) => connection.markUnreachable(err) });
  const bench = new BenchController({ api, backend, store, notices, now, isStreaming: () => s.streaming, reload: (name) => benchReloader.preload(name), ...deps.bench });
  const actions: AppActions = {
    setChatSettings: (settings) => {
      store.update({ chatSettings: settings });
      store.flush();
    },
    send: (text) => s.send(text),
    stop: () => s.stop(),
    stopAndReask: () => s.stopAndReask(),
    cycleThink: () => m.cycleThink(),
    selectModel: (name) => m.select(name),
    retryNow: () => connection.retryNow(),
    dismissNotice: () => notices.dismiss(),
    models: {
      unload: (name) => void m.unload(name),
      pull: (name) => void pulls.pull(name),
      cancelPull: () => pulls.cancel(),
      clearPull: () => pulls.clear(),
      setSettings: (name, settings) => m.setSettings(name, settings),
    },
    bench,
  };

  // vLLM/SGLang /metrics, llama.cpp /slots: only while the panel shows them and the server has them
  const metricsPoller = new ServerMetricsPoller({
    poll: () => backend.metrics(),
    isStreaming: () => s.streaming,
    onMetrics: (metrics) => {
      const state = store.getState().server;
      if (!state) return;
      const { metricsError: _e, ...rest } = state;
      store.updateLazily({ server: { ...rest, metrics } });
    },
    onError: (err) => {
      const state = store.getState().server;
      if (state) store.updateLazily({ server: { ...state, metricsError: (err as Error)?.message ?? String(err) } });
    },
  });
  let panelVisible = false;
  const applyMetricsVisibility = () => metricsPoller.setVisible(panelVisible && backend.hasMetrics);
  const unsubscribePhase = (() => {
    let last = store.getState().phase;
    return store.subscribe(() => {
      const phase = store.getState().phase;
      if ((phase === 'idle') !== (last === 'idle')) metricsPoller.kick();
      last = phase;
    });
  })();
  const hostActions = deps.hosts
    ? hostSwitcher({
        hosts: deps.hosts.controller,
        clientFor: deps.hosts.clientFor,
        api,
        backend,
        setServerName: (name) => (server.name = name),
        store,
        notices,
        models: m,
        connection,
        poller,
        isStreaming: () => s.streaming,
        onSwitched: (url) => {
          metricsPoller.setVisible(false);
          applyMetricsVisibility();
          deps.hosts?.onSwitched?.(url);
        },
      })
    : undefined;
  const configNumCtx = deps.chatOptions?.()?.num_ctx;
  if (typeof configNumCtx === 'number') store.update({ model: { ...store.getState().model, numCtxDefault: configNumCtx } });

  let started = false;
  return {
    actions,
    requestOptions: chatOptions,
    setPanelVisible: (visible) => {
      panelVisible = visible;
      applyMetricsVisibility();
    },
    ...(hostActions ? { hosts: hostActions } : {}),
    start() {
      if (started) return;
      started = true;
      connection.start();
    },
    dispose() {
      metricsPoller.stop();
      unsubscribePhase();
      deps.hosts?.controller.dispose();
      bench.dispose();
      s.dispose();
      pulls.dispose();
      poller.dispose();
      connection.dispose();
      timers.dispose();
    },
  };
}
