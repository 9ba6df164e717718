/**
 * Switching the chat to another host (Alt+H, Enter). The conversation is kept, like a model switch: the
 * next question goes, with the whole history, to the new host, and its answer names that host. The
 * model stays when the new host has it, else the usual choice (loaded now, first deepseek-r1, first).
 *
 * Any kind of server can carry the chat: the factory gives the host's OllamaApi (Ollama's client, or
 * the facade over an OpenAI-compatible Backend) and its Backend, and both swappable holders of the
 * session point at them; the `server` slice (label, capabilities, locality) follows, so the header and
 * the panel name the new backend and say which figures are exact, measured or n/a.
 */
import type { Detected } from '../backends/detect.js';
import { log } from '../system/log.js';
import { detectingClients } from './detectingClient.js';
import type { ConnectionController } from './connection.js';
import type { HostClients, SwitchableBackend, SwitchableOllamaApi } from './hostClient.js';
import { publicHost, type HostSpec } from './hostList.js';
import type { HostsController } from './hostsController.js';
import type { ModelController } from './modelController.js';
import type { Notices } from './notices.js';
import type { PlacementPoller } from './placementPoller.js';
import type { AppStore } from './store.js';
import type { HostActions, ServerState } from './types.js';

export interface HostSwitchDeps {
  hosts: HostsController;
  /**
   * The client the session talks to `spec` through, given what detection found (undefined: not detected
   * yet, e.g. down); undefined when this build cannot chat with that kind of server.
   */
  clientFor: HostClientFactory;
  api: SwitchableOllamaApi;
  backend: SwitchableBackend;
  /** "Ollama" or the other server's label, for the session's sentences. */
  setServerName: (name: string) => void;
  /** After the switch, with the host's URL (the metrics poller follows the new backend, the sampler its locality). */
  onSwitched?: (url: string) => void;
  store: AppStore;
  notices: Notices;
  models: ModelController;
  connection: ConnectionController;
  poller: PlacementPoller;
  isStreaming: () => boolean;
}

export type { HostClients };

/** The context length the switcher saw for the host's model (vLLM max_model_len, llama.cpp n_ctx). */
function withContext(server: ServerState, models: ReadonlyArray<{ contextLength?: number }> | undefined): ServerState {
  const ctx = models?.find((m) => m.contextLength !== undefined)?.contextLength;
  return server.contextLength === undefined && ctx !== undefined ? { ...server, contextLength: ctx } : server;
}

export type HostClientFactory = (spec: HostSpec, detected: Detected | undefined) => HostClients | undefined;

export function hostSwitcher(deps: HostSwitchDeps): HostActions {
  const { hosts, store, notices } = deps;
  /** Placeholder clients of a host whose kind is not known; once detected, the session switches to its real clients. */
  const detectingFor = (name: string, spec: HostSpec): HostClients => {
    const pending = detectingClients({
      url: publicHost(spec).url,
      detect: () => hosts.detectNow(name),
      clientsFor: (d) => deps.clientFor(spec, d),
      onDetected: (clients) => {
        // the user may have switched elsewhere meanwhile
        if (store.getState().hosts?.current !== name) return;
        deps.api.switchTarget(clients.api);
        deps.backend.switchTarget(clients.backend);
        deps.setServerName(clients.serverName);
        const { server: _none, ...rest } = store.getState();
        const { undetected: _u, ...connection } = rest.connection;
        const entry = rest.hosts?.entries.find((e) => e.name === name);
        store.replace({ ...rest, ...(clients.server ? { server: withContext(clients.server, entry?.models) } : {}), connection: { ...connection, host: clients.backend.baseUrl } });
        log.info('host detected', { name: publicHost(spec).name, kind: clients.backend.kind });
        deps.onSwitched?.(spec.url);
      },
    });
    return { ...pending, serverName: 'the server' };
  };
  return {
    open: () => hosts.open(),
    close: () => hosts.close(),
    switchTo(name) {
      const spec = hosts.spec(name);
      if (!spec) return `There is no host named ${name}.`;
      const state = store.getState();
      const current = state.hosts?.current;
      if (name === current) return undefined;
      if (deps.isStreaming() || state.phase !== 'idle') return 'An answer is still streaming: stop it first (Esc), then switch hosts.';
      const detected = hosts.detection(name);
      const shown = publicHost(spec);
      // never seen up and no configured kind: not assumed to be Ollama; detected when the connection
      // check reaches it (now, or on a retry once it comes up), as the first host is (detectingClient.ts)
      const undetected = !detected && !spec.backend;
      const clients = undetected ? detectingFor(name, spec) : deps.clientFor(spec, detected);
      if (!clients) return `${name} cannot be used for the chat: ${detected?.label ?? spec.backend ?? 'its kind of server'} is not supported; the chat stays on ${current}.`;
      deps.api.switchTarget(clients.api);
      deps.backend.switchTarget(clients.backend);
      deps.setServerName(clients.serverName);
      deps.models.resetForHost(state.model.current);
      const { server: _old, ...rest } = store.getState();
      store.replace({
        ...rest,
        ...(clients.server ? { server: withContext(clients.server, state.hosts?.entries.find((e) => e.name === name)?.models) } : {}),
        connection: {
          host: undetected ? shown.url : clients.backend.baseUrl,
          hostName: shown.name,
          hostSource: spec.source,
          status: 'connecting',
          demo: state.connection.demo,
          ...(undetected ? { undetected: true } : {}),
        },
        placement: { models: [] },
        // empty until the new host's model is chosen: ModelController.refresh brings back its parked history
        rates: { history: [] },
      });
      hosts.setCurrent(name);
      log.info('host switch', { name: shown.name, url: shown.url });
      notices.show(`Talking to ${shown.name} (${shown.url}) from the next question; the conversation is kept.`, 'info');
      deps.connection.reconnect();
      deps.poller.kick();
      deps.onSwitched?.(spec.url);
      return undefined;
    },
  };
}
