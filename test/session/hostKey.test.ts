/** An API key is never printed, logged, saved in a conversation or exported (issue 12). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOllamaClient } from '../../src/backends/ollama/client.js';
import { startFakeOpenAi } from '../../src/fake/openai/server.js';
import { createSession } from '../../src/session/controller.js';
import { resolveHostList } from '../../src/session/hostList.js';
import { hostClientFactory } from '../../src/session/hostClients.js';
import { HostsController } from '../../src/session/hostsController.js';
import { exportConversation } from '../../src/session/persistenceActions.js';
import { ConversationSaver } from '../../src/session/persistenceSaver.js';
import { AppStore, initialState } from '../../src/session/store.js';
import { closeLog, configureLog } from '../../src/system/log.js';
import { hostsOverlayRows } from '../../src/ui/hosts/hostsRows.js';
import { scriptFromText, startFakeOllama } from '../fake-ollama/index.js';
import { turnEnded, waitFor } from './helpers.js';

const KEY_FLAG = 'sk-FLAGKEY-7f3a';
const KEY_CONFIG = 'sk-CONFIGKEY-91bc';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('API keys stay secret', () => {
  it('not on screen, not in the log, not in the saved conversation, not in the export', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-hostkey-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const logFile = path.join(dir, 'r1.log');
    configureLog({ file: logFile });
    cleanups.push(() => (closeLog(), configureLog()));

    const a = await startFakeOllama({ script: () => scriptFromText('Hmm.', 'From A.', 400) });
    const b = await startFakeOllama({ script: () => scriptFromText('Hmm.', 'From B.', 400) });
    // a keyed vLLM given the wrong key: it answers 401, and the sentence must not echo the key
    const v = await startFakeOpenAi({ dialect: 'vllm', apiKey: 'the-right-one' });
    cleanups.push(() => a.close(), () => b.close(), () => v.close());

    const hosts = resolveHostList({
      flags: [a.url],
      apiKey: KEY_FLAG,
      configHosts: [
        { name: 'box-b', url: b.url, apiKey: KEY_CONFIG },
        { name: 'head', url: v.url, apiKey: KEY_CONFIG },
      ],
    });
    expect(hosts[0]!.apiKey).toBe(KEY_FLAG);
    const store = new AppStore(initialState(a.url, 'flag', false));
    const controller = new HostsController({ hosts, store, refreshMs: 100 });
    const session = createSession({
      api: createOllamaClient(a.url),
      store,
      preloadOnSwitch: false,
      hosts: { controller, clientFor: hostClientFactory({ isLocal: () => true }) },
    });
    const saver = new ConversationSaver({ store, dir, options: () => session.requestOptions() });
    saver.attach();
    cleanups.push(() => (saver.detach(), session.dispose(), store.dispose()));
    session.start();
    const state = () => store.getState();
    await waitFor(() => state().model.current !== undefined && state().model.capabilities !== undefined, 5000, 'model');
    session.actions.send('one');
    await turnEnded({ state } as never);

    session.hosts!.open();
    await waitFor(() => state().hosts!.entries.every((e) => e.health === 'ok' || e.health === 'down') && state().hosts!.entries[2]!.health === 'down', 5000, 'hosts checked');
    session.hosts!.close();
    expect(state().hosts!.entries[2]!.error).toMatch(/key|401/i);
    expect(v.authHeaders).toContain(`Bearer ${KEY_CONFIG}`);
    expect(session.hosts!.switchTo('box-b')).toBeUndefined();
    await waitFor(() => state().connection.status === 'connected' && state().model.current !== undefined, 5000, 'box-b');
    session.actions.send('two');
    await waitFor(() => state().turns.length === 2, 2000, 'turn two');
    await turnEnded({ state } as never);
    saver.finish();

    const screen = [
      JSON.stringify(state()),
      ...hostsOverlayRows(state().hosts, 0, 200, 40).map((r) => r.gutter + r.body),
      state().notice?.text ?? '',
    ].join('\n');
    const logged = fs.readFileSync(logFile, 'utf8');
    const saved = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const out = path.join(dir, 'export.md');
    exportConversation(dir, out, { reasoning: true });
    const exported = fs.readFileSync(out, 'utf8');

    // the things really happened (so the checks below are not vacuous)
    expect(logged).toContain('host switch');
    expect(saved).toContain('"host":{"name":"box-b"');
    expect(exported).toContain(`on box-b (${b.url})`);
    for (const [where, text] of Object.entries({ screen, logged, saved, exported })) {
      expect(text, where).not.toContain(KEY_FLAG);
      expect(text, where).not.toContain(KEY_CONFIG);
      expect(text, where).not.toContain('FLAGKEY');
      expect(text, where).not.toContain('CONFIGKEY');
    }
  });
});
