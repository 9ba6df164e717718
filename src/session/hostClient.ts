/**
 * The session's Ollama client, swappable: every controller holds this one object, and a host switch
 * points it at another server. Calls already in flight finish against the host they started on.
 *
 * For a server other than Ollama the client is backends/openai/ollamaFacade.ts over its Backend (its doc
 * says which parts still go through it and why); SwitchableBackend below carries the chat, the metrics,
 * the model list and the compare bench.
 */
import type { Backend, ServerMetrics } from '../backends/backend.js';
import type { OllamaApi } from '../backends/ollama/types.js';
import type { ServerState } from './types.js';

/** What the session talks to a host through. `server` is absent for Ollama (its panel as before). */
export interface HostClients {
  api: OllamaApi;
  backend: Backend;
  serverName: string;
  server?: ServerState;
}

export class SwitchableOllamaApi implements OllamaApi {
  constructor(private target: OllamaApi) {}

  get host(): string {
    return this.target.host;
  }

  switchTarget(next: OllamaApi): void {
    this.target = next;
  }

  version: OllamaApi['version'] = () => this.target.version();
  tags: OllamaApi['tags'] = () => this.target.tags();
  ps: OllamaApi['ps'] = () => this.target.ps();
  show: OllamaApi['show'] = (model) => this.target.show(model);
  chat: OllamaApi['chat'] = (req) => this.target.chat(req);
  load: OllamaApi['load'] = (model, keepAlive) => this.target.load(model, keepAlive);
  unload: OllamaApi['unload'] = (model) => this.target.unload(model);
  pull: OllamaApi['pull'] = (model) => this.target.pull(model);
}

/**
 * The session's Backend (chat streams, server metrics), swappable like the client above: the stream
 * controller and the metrics poller hold this one object.
 */
export class SwitchableBackend implements Backend {
  constructor(private target: Backend) {}

  get kind(): Backend['kind'] {
    return this.target.kind;
  }

  get baseUrl(): string {
    return this.target.baseUrl;
  }

  /** The server has metrics to poll (vLLM/SGLang /metrics, llama.cpp /slots). */
  get hasMetrics(): boolean {
    return this.target.metrics !== undefined;
  }

  switchTarget(next: Backend): void {
    this.target = next;
  }

  info: Backend['info'] = () => this.target.info();
  health: Backend['health'] = () => this.target.health();
  listModels: Backend['listModels'] = () => this.target.listModels();
  loaded: Backend['loaded'] = () => this.target.loaded();
  chat: Backend['chat'] = (req) => this.target.chat(req);
  metrics = (): Promise<ServerMetrics> => (this.target.metrics ? this.target.metrics() : Promise.reject(new Error(`${this.target.kind} has no metrics endpoint`)));
}
