/**
 * r1-tui entry point: parse flags, resolve the host (or start the demo simulator), then run the Ink app
 * full-screen with the terminal restored on every way out.
 */
import { readFileSync } from 'node:fs';
import { render } from 'ink';
import { HELP_TEXT, parseCliArgs } from './cliArgs.js';
import { resolveHost } from './backends/ollama/host.js';
import { createOllamaClient } from './backends/ollama/client.js';
import { AppStore, initialState } from './session/store.js';
import { createSession } from './session/controller.js';
import { createSystemSampler } from './system/sampler.js';
import { isLocalHost } from './system/hostLocality.js';
import { enterFullscreen, installExitHandlers } from './terminal/terminal.js';
import { log, logPath, redirectConsole } from './system/log.js';
import { loadTheme } from './system/themeFiles.js';
import { ThemeSwitcher } from './ui/theme/ThemeSwitch.js';
import { listThemes } from './system/themeCatalog.js';
import { themePersister } from './system/themePersist.js';
import { setKeyBindings } from './ui/keys/keymap.js';
import { App } from './ui/shell/App.js';
import { clipsDir, configPath, conversationsDir, userThemesDir } from './system/paths.js';
import { loadConfig, mergeSettings } from './system/config.js';
import { createCopyAction } from './session/clipboardActions.js';
import { tmuxOptionFromCli } from './system/clipboard.js';
import { ConversationSaver } from './session/persistenceSaver.js';
import { markInputRenders } from './terminal/inputUrgency.js';
import { createConversationActions, exportConversation, resumeLatest } from './session/persistenceActions.js';
import { ExtraActionsContext } from './ui/conversations/ConversationsContext.js';
import type { ExtraActions } from './session/types.js';
import { benchHistorySaver } from './commands/benchHistory.js';
import { benchHistoryPath } from './system/paths.js';
import { waitMeasurementsPath } from './system/paths.js';
import { fileWaitStore } from './system/waitMeasurements.js';
import type { AppState } from './session/types.js';
import { noColorRequested, type Theme } from './core/theme.js';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function fail(message: string, code = 2): never {
  process.stderr.write(`r1-tui: ${message}\n`);
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

  let url: string;
  let source: AppState['connection']['hostSource'];
  let stopDemo: (() => Promise<void>) | undefined;
  if (opts.demo) {
    const [{ startFakeOllama }, { demoFakeOptions }] = await Promise.all([
      import('./fake/server.js'),
      import('./fake/demo.js'),
    ]);
    const fake = await startFakeOllama(demoFakeOptions());
    url = fake.url;
    source = 'demo';
    stopDemo = () => fake.close();
  } else {
    try {
      const resolved = resolveHost({ flag: settings.hostFlag, env: process.env.OLLAMA_HOST });
      url = resolved.url;
      source = resolved.source;
    } catch (err) {
      fail((err as Error).message);
    }
  }

  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    fail('r1-tui is a full-screen app and needs an interactive terminal (stdin and stdout must be a TTY).', 1);
  }

  redirectConsole();
  log.info('start', { version: packageVersion(), host: url, source, model: settings.model ?? null, config: configFile.found ? configFile.path : null });

  const store = new AppStore(initialState(url, source, opts.demo));
  const api = createOllamaClient(url);
  const chatOptions = () => (settings.numCtx !== undefined ? { num_ctx: settings.numCtx } : undefined);
  const session = createSession({
    api,
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
  });
  if (settings.keyBindings) setKeyBindings(settings.keyBindings);
  const convDir = conversationsDir();
  const saver = new ConversationSaver({ store, dir: convDir, options: () => session.requestOptions() });
  if (opts.resume) {
    const resumed = resumeLatest(store, saver, convDir);
    store.update({ notice: { text: resumed.text, level: resumed.level, at: performance.now() } });
  }
  saver.attach();
  const extras: ExtraActions = {
    conversations: createConversationActions({
      store,
      saver,
      dir: convDir,
      busy: () => store.getState().phase !== 'idle' || store.getState().turns.at(-1)?.status === 'streaming',
    }),
    copy: createCopyAction(store, { clipsDir: clipsDir(), tmuxOption: tmuxOptionFromCli }),
  };
  const sampler = createSystemSampler({
    remote: !opts.demo && !isLocalHost(url),
    onSample: (system) => store.updateLazily({ system }),
  });

  const screen = enterFullscreen(process.stdout, process.stdin);
  let shuttingDown = false;
  const shutdown = async (code: number): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    // Every step is guarded: one that throws must not keep the process (and the user's terminal) alive.
    const steps: Array<[string, () => void]> = [
      ['sampler', () => sampler.stop()],
      ['session', () => session.dispose()],
      ['saver', () => (saver.finish(), saver.detach())],
      ['store', () => store.dispose()],
      ['ink', () => ink.unmount()],
      ['terminal', () => screen.restore()],
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
  installExitHandlers(screen.restore, () => void shutdown(0), {
    // after an unexpected error: keep what was received (the streaming turn is saved as stopped)
    onCrash: () => saver.finish('r1-tui stopped because of an unexpected error while this answer was streaming.'),
  });

  const ink = render(
    <ThemeSwitcher initial={theme} initialName={settings.theme} list={() => listThemes({ noColor, userDir: userThemesDir() })} persist={themePersister(configPath(), undefined, opts.theme)} noColor={noColor}>
      <ExtraActionsContext.Provider value={extras}>
        <App
        store={store}
        actions={session.actions}
        onQuit={() => void shutdown(0)}
        onPanelVisibleChange={(visible) => (visible ? sampler.resume() : sampler.pause())}
        reasoningMode={settings.reasoningMode}
      />
      </ExtraActionsContext.Provider>
    </ThemeSwitcher>,
    {
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: 30,
      // Only with Ink's log-update fix applied by bin/r1-tui.js (see src/terminal/inkPatchHooks.ts).
      incrementalRendering: process.env.R1_TUI_INK_PATCHED === '1',
    },
  );
  markInputRenders(process.stdin);
  session.start();
  sampler.start();
}

main().catch((err: unknown) => {
  log.error('fatal', { error: String((err as Error)?.stack ?? err) });
  process.stderr.write(`r1-tui: ${(err as Error)?.message ?? String(err)}\nDetails are in ${logPath()}\n`);
  process.exit(1);
});
