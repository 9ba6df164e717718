import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleChat } from './chat.js';
import type { ServerContext } from './context.js';
import { handleDelete, handlePs, handleShow, handleTags, handleVersion } from './endpoints.js';
import { recordRequest, sendError, sendText } from './http.js';
import { defaultModels, registryExtras } from './models.js';
import { handlePull } from './pull.js';
import { ModelState } from './state.js';
import type { FakeModel, FakeOllama, FakeOptions, RecordedRequest } from './types.js';

export type * from './types.js';


type Route = { methods: string[]; handle: (ctx: ServerContext, req: RecordedRequest, res: ServerResponse) => void | Promise<void> };

const ROUTES: Record<string, Route> = {
  '/': { methods: ['GET', 'HEAD'], handle: (_c, r, res) => sendText(res, 200, 'Ollama is running', r.method === 'HEAD') },
  '/api/version': { methods: ['GET', 'HEAD'], handle: (c, r, res) => handleVersion(c, res, r.method === 'HEAD') },
  '/api/tags': { methods: ['GET', 'HEAD'], handle: (c, r, res) => handleTags(c, res, r.method === 'HEAD') },
  '/api/ps': { methods: ['GET'], handle: (c, _r, res) => handlePs(c, res) },
  '/api/chat': { methods: ['POST'], handle: handleChat },
  '/api/show': { methods: ['POST'], handle: handleShow },
  '/api/pull': { methods: ['POST'], handle: handlePull },
  '/api/delete': { methods: ['DELETE'], handle: handleDelete },
};

function registryFor(models: FakeModel[]): FakeModel[] {
  const all = [...models, ...defaultModels(), ...registryExtras()];
  return all.filter((m, i) => all.findIndex((x) => x.name === m.name) === i);
}

/**
 * Start a fake Ollama server on loopback (default 127.0.0.1, ephemeral port).
 * It follows the recorded Ollama behaviour (test/fixtures/recordings; details in test/fake-ollama/README.md):
 * - /api/chat streams NDJSON by default, no header before the first chunk; a cold load waits
 *   headerDelayMs (and reports load_duration ≥ 1.8 s even without a wait); the script comes from
 *   `script` or the keyword-selected synthetic scripts ("loop", "long", "demo", ...);
 * - thinking style follows the server `version` and `think` (field / raw tags / none);
 * - faults apply to /api/chat only; client disconnects cancel every timer of that response.
 */
export async function startFakeOllama(opts: FakeOptions = {}): Promise<FakeOllama> {
  const options: FakeOptions = { ...opts };
  const ctx: ServerContext = {
    options,
    state: new ModelState(options.models ?? defaultModels()),
    registry: registryFor(options.models ?? []),
    clocks: new Set(),
    chatCount: 0,
  };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void serve(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const recorded = await recordRequest(req, requests);
    if (!recorded) return; // client went away while sending
    const route = ROUTES[recorded.path];
    if (!route) return sendText(res, 404, '404 page not found', req.method === 'HEAD');
    if (!route.methods.includes(recorded.method)) return sendText(res, 405, '405 method not allowed');
    try {
      await route.handle(ctx, recorded, res);
    } catch (err) {
      if (!res.headersSent) sendError(res, 500, `fake server failure: ${(err as Error).message}`);
      else res.destroy();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    requests,
    options,
    set(patch: Partial<FakeOptions>) {
      Object.assign(options, patch);
      if (patch.models) {
        ctx.state.replaceCatalog(patch.models);
        ctx.registry = registryFor(patch.models);
      }
    },
    loaded: () => ctx.state.list().map((e) => e.model.name),
    active: () => [...ctx.clocks].filter((c) => !c.cancelled).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const clock of ctx.clocks) clock.cancel();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
