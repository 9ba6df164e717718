/**
 * r1-tui entry point: parse flags, resolve the host (or start the demo simulator), then run the Ink app
 * full-screen with the terminal restored on every way out.
 */
import { readFileSync } from 'node:fs';
import { render } from 'ink';
import { HELP_TEXT, parseCliArgs } from './cliArgs.js';
import { resolveHostList, stripCredentials, type HostSpec } from './session/hostList.js';
import { HostsController } from './session/hostsController.js';
import { hostClientFactory } from './session/hostClients.js';
import { createOllamaClient } from './backends/ollama/client.js';
import { defaultFetch } from './backends/ollama/fetch.js';
import { selectBackend } from './backends/select.js';
import { detectBackend, type Detected } from './backends/detect.js';
import { ollamaApiOf } from './backends/openai/ollamaFacade.js';
import { capabilitiesOf } from './backends/capabilities.js';
import { AppStore, initialState } from './session/store.js';
import { createSession } from './session/controller.js';
import { showNotice } from './session/notices.js';
import { isBusy } from './session/busy.js';
import { createSystemSampler, SAMPLER_IDLE_INTERVAL_MS } from './system/sampler.js';
import { isLocalHost } from './system/hostLocality.js';
import { enterFullscreen, installExitHandlers } from './terminal/terminal.js';
import { installSuspend } from './terminal/suspend.js';
import { translateTypeAhead } from './terminal/typeAhead.js';
import { asciiStdout } from './terminal/asciiStdout.js';
import { utf8Locale } from './core/charset.js';
import { log, logPath, redirectConsole } from './system/log.js';
import { loadTheme } from './system/themeFiles.js';
import { ThemeSwitcher } from './ui/theme/ThemeSwitch.js';
import { listThemes } from './system/themeCatalog.js';
import { themePersister } from './system/themePersist.js';
import { App } from './ui/shell/App.js';
import { clipsDir, configDir, configPath, conversationsDir, dataDir, userThemesDir } from './system/paths.js';
import { folderWarning } from './system/safeFiles.js';
import { loadConfig, mergeSettings } from './system/config.js';
import { createCopyAction } from './session/clipboardActions.js';
import { tmuxOptionFromCli } from './system/clipboard.js';
import { ConversationSaver } from './session/persistenceSaver.js';
import { markInputRenders } from './terminal/inputUrgency.js';
import { InkScreen } from './terminal/screen/inkScreen.js';
import { CaretContext } from './ui/shell/useCaret.js';
import { createConversationActions, exportConversation, resumeLatest } from './session/persistenceActions.js';
import { benchHistorySaver } from './commands/benchHistory.js';
import { benchHistoryPath } from './system/paths.js';
import { waitMeasurementsPath } from './system/paths.js';
import { fileWaitStore } from './system/waitMeasurements.js';
import type { AppActions, AppState } from './session/types.js';
import { noColorRequested, type Theme } from './core/theme.js';
import { sanitize } from './core/sanitize.js';

/** At most ~10 frames a second (store notifications and terminal frames); keystrokes are drawn at once. */
const FRAME_MS = 100;

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function fail(message: string, code = 2): never {
  // Messages can quote a config file, OLLAMA_HOST or a flag: no escape sequence reaches the terminal.
  process.stderr.write(`r1-tui: ${sanitize(message)}\n`);
  if (code === 2) process.stderr.write(`Try 'r1-tui --help'.\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'bench' || argv[0] === 'doctor') {
    // Subcommands print plain text: no TTY requirement, no full-screen code.
    const { runCommand } = await import('./commands/run.js');
    const code = await runCommand(argv);
    // Exit at once (idle keep-alive sockets would hold the process), after stdout has drained.
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
    process.exit(code);
  }
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) fail(parsed.error);
  const opts = parsed.options;
  if (opts.help) {
    process.stdout.write(HELP_TEXT);
    return;
  }
  if (opts.version) {
    process.stdout.write(`r1-tui ${packageVersion()}\n`);
    return;
  }

  if (opts.exportPath !== undefined) {
    try {
      const done = exportConversation(conversationsDir(), opts.exportPath, { reasoning: !opts.noReasoning });
      process.stdout.write(`Exported ${done.turns} turn(s) to ${done.path}\n`);
      return;
    } catch (err) {
      fail((err as Error).message, 1);
    }
  }

  const configFile = loadConfig(configPath());
  if (!configFile.ok) fail(configFile.error);
  const settings = mergeSettings(opts, configFile.config, { OLLAMA_HOST: process.env.OLLAMA_HOST });

  const noColor = noColorRequested(process.env);
  let theme: Theme;
  try {
    theme = loadTheme(settings.theme, { noColor, userDir: userThemesDir() });
  } catch (err) {
    fail((err as Error).message);
  }

  if (process.env.TERM === 'dumb') {
    // No cursor addressing: the full screen would be garbage (Emacs shell buffers, some CI consoles).
    process.stderr.write(
      "r1-tui: TERM=dumb cannot move the cursor, which r1-tui's full screen needs; run it in a terminal such as xterm or tmux (plain text: 'r1-tui bench', 'r1-tui doctor').\n",
    );
    process.exit(2);
  }
  let hostList: HostSpec[];
  let stopDemo: (() => Promise<void>) | undefined;
  const demoDialect = opts.demo && opts.backend && opts.backend !== 'ollama' ? (opts.backend === 'openai' ? 'vllm' : opts.backend) : undefined;
  if (demoDialect) {
    // --demo --backend vllm|sglang|llama.cpp|lmstudio: the simulated OpenAI-compatible server of that kind
    const { startFakeOpenAi } = await import('./fake/openai/server.js');
    const fake = await startFakeOpenAi({ dialect: demoDialect, tokensPerSecond: 24, waiting: demoDialect === 'vllm' || demoDialect === 'sglang' ? 5 : 0 });
    hostList = [{ name: `demo-${demoDialect}`, url: fake.url, source: 'demo', backend: demoDialect }];
    stopDemo = () => fake.close();
  } else if (opts.demo) {
    // --demo: two simulated hosts (an Ollama and a vLLM-shaped server), so Alt+H has something to show
    const { startDemoHosts } = await import('./fake/demoHosts.js');
    const demo = await startDemoHosts();
    hostList = demo.hosts.map((h) => ({ ...h, source: 'demo' as const }));
    stopDemo = () => demo.close();
  } else {
    try {
      const apiKey = opts.apiKey ?? (process.env.R1_TUI_API_KEY?.trim() || undefined);
      hostList = resolveHostList({
        ...(opts.hosts ? { flags: opts.hosts } : {}),
        ...(process.env.OLLAMA_HOST !== undefined ? { env: process.env.OLLAMA_HOST } : {}),
        ...(configFile.config.host !== undefined ? { configHost: configFile.config.host } : {}),
        ...(configFile.config.hosts ? { configHosts: configFile.config.hosts } : {}),
        ...(opts.backend ? { backend: opts.backend } : {}),
        ...(apiKey ? { apiKey } : {}),
      });
    } catch (err) {
      fail((err as Error).message);
    }
  }
  const first = hostList[0]!;
  const url = first.url;
  const source: AppState['connection']['hostSource'] = first.source;

  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    fail('r1-tui is a full-screen app and needs an interactive terminal (stdin and stdout must be a TTY).', 1);
  }
  // A non-UTF-8 locale (LANG=C) gets ASCII borders, bars and sparklines.
  const inkStdout = utf8Locale(process.env) ? process.stdout : asciiStdout(process.stdout);

  // Which server: forced by --backend (or the host's "backend"), found out for a --host URL or a config
  // host, else Ollama. The key is never logged.
  const selection = await selectBackend({
    url,
    source: source === 'config' ? 'flag' : source,
    ...(first.backend ? { forced: first.backend } : {}),
    ...(first.apiKey ? { apiKey: first.apiKey } : {}),
    fetch: defaultFetch(),
  });
  if (!selection.ok) fail(selection.message, 1);

  redirectConsole();
  // never a key: names and URLs only
  log.info('start', { version: packageVersion(), host: stripCredentials(url), source, backend: selection.kind, apiKey: first.apiKey ? 'set' : 'none', hosts: hostList.map((h) => h.name), model: settings.model ?? null, config: configFile.found ? configFile.path : null });

  const other = selection.kind === 'ollama' || selection.kind === 'undetected' ? undefined : selection;
  const undetected = selection.kind === 'undetected';
  // the base URL without /v1 for another server (the header shows it)
  const store = new AppStore(initialState(other ? other.backend.baseUrl : url, source, opts.demo), FRAME_MS);
  store.update({ connection: { ...store.getState().connection, hostName: first.name, ...(undetected ? { undetected: true } : {}) } });
  const local = opts.demo || isLocalHost(url);
  if (other) {
    store.update({ server: { kind: other.kind, label: other.label, capabilities: capabilitiesOf(other.kind), local, ...(other.contextLength ? { contextLength: other.contextLength } : {}) } });
  }
  const hostsController = new HostsController({ hosts: hostList, store, current: first.name });
  const api = other ? ollamaApiOf(other.backend, other.label) : createOllamaClient(url);
  const chatOptions = () => (settings.numCtx !== undefined ? { num_ctx: settings.numCtx } : undefined);
  const clientFor = hostClientFactory({ isLocal: (u) => opts.demo || isLocalHost(u) });
  const session = createSession({
    api,
    // a --host that did not answer: its kind is detected when it comes up, not assumed to be Ollama
    ...(undetected
      ? {
          detectFirst: {
            url,
            detect: () => detectBackend(url, { fetch: defaultFetch(), ...(first.apiKey ? { apiKey: first.apiKey } : {}) }),
            clientsFor: (d: Detected) => clientFor(first, d),
          },
        }
      : {}),
    ...(other ? { backend: other.backend, serverName: other.label } : {}),
    store,
    model: settings.model,
    keepReasoning: settings.keepReasoning,
    chatOptions,
    ...(settings.keepAlive !== undefined ? { keepAlive: settings.keepAlive } : {}),
    ...(settings.think !== undefined ? { think: settings.think } : {}),
    // measured load times / prompt-eval rates per host and model; the demo's random port is not a host worth keeping
    ...(opts.demo ? {} : { waits: fileWaitStore(waitMeasurementsPath(process.env), undefined, (err) => log.warn('could not save wait measurements', err)) }),
    // Alt+R compare overlay: same history file as `r1-tui bench`; machine columns only for a local Ollama.
    bench: { local: opts.demo || isLocalHost(url), saveReport: benchHistorySaver(benchHistoryPath(process.env)) },
    hosts: {
      controller: hostsController,
      clientFor,
      // RAM/VRAM of this machine only for a local server: a switch to another box re-aims the sampler
      onSwitched: (hostUrl) => {
        const remote = !opts.demo && !isLocalHost(hostUrl);
        if (remote === samplerRemote) return;
        sampler.stop();
        sampler = makeSampler(remote);
        sampler.start();
        if (samplerPaused) sampler.pause();
      },
    },
  });
  const convDir = conversationsDir();
  const saver = new ConversationSaver({ store, dir: convDir, options: () => session.requestOptions() });
  if (opts.resume) {
    const resumed = resumeLatest(store, saver, convDir);
    showNotice(store, resumed.text, resumed.level, { flush: false });
  }
  // a data or config folder other users can write to: say so once at startup (before any other notice)
  const unsafeFolder = [dataDir(), convDir, configDir()].map((d) => folderWarning(d)).find((w) => w !== undefined);
  if (unsafeFolder) {
    const previous = store.getState().notice?.text;
    showNotice(store, previous ? `${unsafeFolder} ${previous}` : unsafeFolder, 'warn', { flush: false });
  }
  saver.attach();
  // the conversation's lock goes with the process however it ends (kill -9 leaves a stale lock, detected)
  process.on('exit', () => saver.releaseLock());
  // One actions object for the UI: the session's, plus saved conversations and copy (they need files).
  const actions: AppActions = {
    ...session.actions,
    conversations: createConversationActions({
      store,
      saver,
      dir: convDir,
      busy: () => isBusy(store.getState()),
    }),
    copy: createCopyAction(store, { clipsDir: clipsDir(), tmuxOption: tmuxOptionFromCli }),
    ...(session.hosts ? { hosts: session.hosts } : {}),
  };
  let samplerRemote = !opts.demo && !isLocalHost(url);
  let samplerPaused = false;
  const makeSampler = (remote: boolean) => {
    samplerRemote = remote;
    const made = createSystemSampler({ remote, idleIntervalMs: SAMPLER_IDLE_INTERVAL_MS, onSample: (system) => store.updateLazily({ system }) });
    made.setActive(isBusy(store.getState()));
    return made;
  };
  let sampler = makeSampler(samplerRemote);
  // idle silence: the sampler keeps its 1 s pace while a reply streams and for a while after it or a
  // keystroke, then wakes every 10 s (the panel's CPU row then says the span it averages)
  store.subscribe(() => sampler.setActive(isBusy(store.getState())));

  const screen = enterFullscreen(process.stdout, process.stdin);
  // Ink renders every frame whole into an InkScreen (debug mode); its screen writer sends the terminal
  // only what changed. Keystrokes are drawn at once (inputUrgency).
  // (a keystroke also pokes the sampler back to its 1 s pace; read where Ink reads, no extra listener)
  const urgency = markInputRenders(process.stdin, undefined, () => sampler.poke());
  const inkScreen = screen.active ? new InkScreen(inkStdout, { blank: true, frameMs: FRAME_MS, urgent: urgency.takeUrgent }) : undefined;
  // no frame may land after the terminal is restored (a pending frame would draw on the main screen)
  const restoreTerminal = (): void => {
    inkScreen?.dispose();
    screen.restore();
  };
  // Keys typed while the app started were read in cooked mode: their line feeds are the user's Enter.
  translateTypeAhead(process.stdin);
  // Ctrl+Z / SIGTSTP: the terminal back to the shell and stop; SIGCONT (fg): full screen and a full repaint.
  const suspender = installSuspend({
    pause: () => {
      inkScreen?.hold();
      screen.pause();
    },
    resume: () => screen.resume(),
    // the screen writer forgets what the terminal showed and paints every row (no full screen: nothing to repaint)
    repaint: () => inkScreen?.repaint(),
    onError: (step, error) => log.error('suspend step failed', { step, error: String((error as Error)?.stack ?? error) }),
  });
  let shuttingDown = false;
  const shutdown = async (code: number): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    // Every step is guarded: one that throws must not keep the process (and the user's terminal) alive.
    const steps: Array<[string, () => void]> = [
      ['suspend', () => suspender.dispose()],
      ['sampler', () => sampler.stop()],
      ['session', () => session.dispose()],
      ['saver', () => (saver.finish(), saver.detach())],
      ['store', () => store.dispose()],
      ['ink', () => ink.unmount()],
      ['input', () => urgency.dispose()],
      ['terminal', () => restoreTerminal()],
    ];
    for (const [name, step] of steps) {
      try {
        step();
      } catch (err) {
        log.error('shutdown step failed', { step: name, error: String((err as Error)?.stack ?? err) });
      }
    }
    await stopDemo?.().catch(() => undefined);
    log.info('exit', { code });
    process.exit(code);
  };
  installExitHandlers(restoreTerminal, () => void shutdown(0), {
    // after an unexpected error: keep what was received (the streaming turn is saved as stopped)
    onCrash: () => saver.finish('r1-tui stopped because of an unexpected error while this answer was streaming.'),
  });

  const ink = render(
    <CaretContext.Provider value={inkScreen}>
    <ThemeSwitcher initial={theme} initialName={settings.theme} list={() => listThemes({ noColor, userDir: userThemesDir() })} persist={themePersister(configPath(), undefined, opts.theme)} noColor={noColor}>
      <App
        store={store}
        actions={actions}
        onQuit={() => void shutdown(0)}
        onSuspend={() => suspender.suspend()}
        onPanelVisibleChange={(visible) => {
          samplerPaused = !visible;
          if (visible) sampler.resume();
          else sampler.pause();
          session.setPanelVisible(visible);
        }}
        reasoningMode={settings.reasoningMode}
        keyBindings={settings.keyBindings}
        layout={settings.layout}
      />
    </ThemeSwitcher>
    </CaretContext.Provider>,
    inkScreen
      ? // debug: every commit is one whole frame written to inkScreen, which paces and diffs them
        { exitOnCtrlC: false, patchConsole: false, debug: true, stdout: inkScreen as unknown as NodeJS.WriteStream }
      : { stdout: inkStdout, exitOnCtrlC: false, patchConsole: false, maxFps: 30 },
  );
  session.start();
  // the panel shows at start (App reports changes only): server metrics are polled from now on
  session.setPanelVisible(true);
  sampler.start();
}

main().catch((err: unknown) => {
  log.error('fatal', { error: String((err as Error)?.stack ?? err) });
  process.stderr.write(`r1-tui: ${sanitize((err as Error)?.message ?? String(err))}\nDetails are in ${sanitize(logPath())}\n`);
  process.exit(1);
});
