#!/usr/bin/env node
/**
 * Standalone fake Ollama server:
 *   node dist/fake/cli.js --port 11434 --rate 20 --style tags --version 0.12.6 \
 *     --split deepseek-r1:32b=21943566336/11401775104 --header-delay 2000
 * or a fake OpenAI-compatible server in a recorded dialect (see openai/cliOptions.ts):
 *   node dist/fake/cli.js --dialect vllm --waiting 5 --api-key secret --fault cut
 * Prints the URL on stdout and runs until interrupted.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultModels, withPlacement } from './models.js';
import { startFakeOllama } from './server.js';
import { OPENAI_USAGE, parseOpenAiCliOptions, wantsOpenAi } from './openai/cliOptions.js';
import { num, oneOf, readFlags, UsageError } from './cliFlags.js';
import { startFakeOpenAi } from './openai/server.js';
import type { FakeOptions, ThinkingStyle } from './types.js';

const USAGE =
  'usage: fake-ollama [--host 127.0.0.1] [--port 0] [--rate 30] [--speed 1] [--style field|tags|tags-no-open|none] ' +
  '[--version 0.12.6] [--split NAME=SIZE/VRAM]... [--header-delay MS] [--prompt-rate TOK/S] [--keep-alive MS] [--no-split-writes]';

export function parseCliOptions(argv: string[]): FakeOptions & { help?: boolean } {
  const v = readFlags(argv, {
    host: { kind: 'string' },
    port: { kind: 'string' },
    rate: { kind: 'string' },
    speed: { kind: 'string' },
    style: { kind: 'string' },
    version: { kind: 'string' },
    split: { kind: 'string', multiple: true },
    'header-delay': { kind: 'string' },
    'prompt-rate': { kind: 'string' },
    'keep-alive': { kind: 'string' },
    'no-split-writes': { kind: 'boolean' },
    help: { kind: 'boolean' },
  });
  const opts: FakeOptions & { help?: boolean } = { help: v.help };
  if (v.host !== undefined) opts.host = v.host;
  const port = num('port', v.port, 0);
  if (port !== undefined) {
    if (!Number.isInteger(port) || port > 65535) throw new UsageError(`--port needs a port number 0-65535, got "${v.port}"`);
    opts.port = port;
  }
  const rate = num('rate', v.rate, 0.01);
  if (rate !== undefined) opts.tokensPerSecond = rate;
  const speed = num('speed', v.speed, 0.01);
  if (speed !== undefined) opts.speed = speed;
  const style = oneOf<ThinkingStyle>('style', v.style, ['field', 'tags', 'tags-no-open', 'none']);
  if (style !== undefined) opts.thinkingStyle = style;
  if (v.version !== undefined) {
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(v.version)) throw new UsageError(`--version must look like 0.12.6, got "${v.version}"`);
    opts.version = v.version;
  }
  const delay = num('header-delay', v['header-delay'], 0);
  if (delay !== undefined) opts.headerDelayMs = delay;
  const promptRate = num('prompt-rate', v['prompt-rate'], 0.01);
  if (promptRate !== undefined) opts.promptTokensPerSecond = promptRate;
  const keepAlive = num('keep-alive', v['keep-alive'], 0);
  if (keepAlive !== undefined) opts.keepAliveMs = keepAlive;
  if (v['no-split-writes']) opts.splitWrites = false;
  if (v.split) {
    let models = defaultModels();
    for (const spec of v.split) {
      const m = /^(.+)=(\d+)\/(\d+)$/.exec(spec);
      if (!m) throw new UsageError(`--split must look like NAME=SIZE/VRAM (bytes), got "${spec}"`);
      if (!models.some((x) => x.name === m[1])) throw new UsageError(`--split names an unknown model "${m[1]}"`);
      models = withPlacement(models, m[1]!, Number(m[2]), Number(m[3]));
    }
    opts.models = models;
  }
  return opts;
}

/** Parse, print the usage for --help, else start the server, print its URL and run until a signal. */
async function serve<O extends { help?: boolean }>(
  name: string,
  argv: string[],
  parse: (argv: string[]) => O,
  usage: string,
  start: (options: Omit<O, 'help'>) => Promise<{ url: string; close(): Promise<void> }>,
): Promise<void> {
  let opts: O;
  try {
    opts = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${name}: ${err.message}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const { help: _help, ...options } = opts;
  const server = await start(options);
  process.stdout.write(`${server.url}\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (wantsOpenAi(argv)) return serve('fake-openai', argv, parseOpenAiCliOptions, OPENAI_USAGE, startFakeOpenAi);
  return serve('fake-ollama', argv, parseCliOptions, USAGE, startFakeOllama);
}

function isMainModule(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === pathToFileURL(realpathSync(fileURLToPath(import.meta.url))).href;
  } catch {
    return false;
  }
}

const invokedDirectly = isMainModule();
if (invokedDirectly) {
  main().catch((err: unknown) => {
    process.stderr.write(`fake-ollama: could not start: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
