/**
 * Command-line parsing (pure). Unknown flags and bad values become one-line errors naming the flag;
 * the caller prints them and exits with code 2.
 */
import type { ThinkValue } from './core/chatTypes.js';
import { isModelName } from './core/modelName.js';
import { printable } from './core/sanitize.js';
import { backendFlagValue } from './backends/detect.js';
import type { BackendKind } from './backends/backend.js';
import { isThemeName } from './core/themeName.js';
import { parseFlags, type FlagSpecs } from './core/flags.js';

export interface CliOptions {
  /** The first --host (the one to start with). */
  host?: string;
  /** Every --host in order (given more than once: the host switcher lists them all); a config host name works too. */
  hosts?: string[];
  model?: string;
  theme?: string;
  demo: boolean;
  help: boolean;
  version: boolean;
  /** --resume: reopen the most recent saved conversation. */
  resume?: boolean;
  /** --export FILE.md: write the most recent conversation as Markdown and exit. */
  exportPath?: string;
  /** --no-reasoning (with --export): leave the reasoning out. */
  noReasoning?: boolean;
  /** --think on|off|low|medium|high|max: the think setting to start with (overrides the config's). */
  think?: ThinkValue;
  /** --backend KIND: skip detection and talk to this kind of server. */
  backend?: BackendKind;
  /** --api-key KEY (else R1_TUI_API_KEY): sent as `Authorization: Bearer`; never printed, logged or saved. */
  apiKey?: string;
}

export type CliParse = { ok: true; options: CliOptions } | { ok: false; error: string };

/** Subcommands; src/cli.tsx runs them when they come first (src/commands), so here they are misplaced. */
const SUBCOMMANDS = new Set(['bench', 'doctor']);

const FLAGS = {
  host: { kind: 'string', multiple: true, check: (v: string) => checkValue('--host', v) },
  model: { kind: 'string', check: (v: string) => checkValue('--model', v) },
  theme: { kind: 'string', check: (v: string) => checkValue('--theme', v) },
  export: { kind: 'string', check: (v: string) => checkValue('--export', v) },
  think: { kind: 'string', check: (v: string) => checkValue('--think', v) },
  backend: { kind: 'string', check: (v: string) => checkValue('--backend', v) },
  'api-key': { kind: 'string', check: (v: string) => checkValue('--api-key', v) },
  demo: { kind: 'boolean' },
  help: { kind: 'boolean' },
  version: { kind: 'boolean' },
  resume: { kind: 'boolean' },
  'no-reasoning': { kind: 'boolean' },
} as const satisfies FlagSpecs;

export function parseCliArgs(argv: readonly string[]): CliParse {
  const parsed = parseFlags(argv, {
    flags: FLAGS,
    short: { '-h': 'help', '-v': 'version', '-V': 'version' },
    positional: (raw) =>
      SUBCOMMANDS.has(raw)
        ? `'${raw}' is a command and must come first: r1-tui ${raw} [flags] (see r1-tui ${raw} --help)`
        : `unexpected argument '${printable(raw)}' (r1-tui takes only flags; see --help)`,
  });
  if (!parsed.ok) return parsed;
  const v = parsed.values;
  const options: CliOptions = { demo: v.demo === true, help: v.help === true, version: v.version === true };
  if (v.resume) options.resume = true;
  if (v['no-reasoning']) options.noReasoning = true;
  if (v.export !== undefined) options.exportPath = v.export;
  if (v.host !== undefined) {
    options.hosts = v.host.map((h) => h.trim());
    options.host = options.hosts[0];
  }
  if (v.model !== undefined) options.model = v.model.trim();
  if (v.think !== undefined) options.think = THINK_FLAG_VALUES[v.think.trim().toLowerCase()];
  if (v.backend !== undefined) options.backend = backendFlagValue(v.backend);
  if (v['api-key'] !== undefined) options.apiKey = v['api-key'].trim();
  if (v.theme !== undefined) options.theme = v.theme.trim();
  if (options.demo && options.host !== undefined) {
    return { ok: false, error: '--demo and --host cannot be used together (--demo runs a built-in simulated Ollama)' };
  }
  if (options.noReasoning && options.exportPath === undefined) {
    return { ok: false, error: '--no-reasoning only goes with --export FILE.md' };
  }
  return { ok: true, options };
}

/** A value's problem (empty and missing values are the flag reader's). */
function checkValue(flag: string, value: string): string | undefined {
  const v = value.trim();
  // never echo a key, not even a malformed one
  if (flag === '--api-key') return /[\s\u0000-\u001f\u007f]/.test(v) ? '--api-key contains spaces or control characters (the key is not shown)' : undefined;
  if (flag === '--backend' && backendFlagValue(v) === undefined) {
    return `--backend '${printable(v)}' is not a server kind (ollama, llama.cpp, vllm, sglang, lmstudio or openai)`;
  }
  if (flag === '--export') return /[\u0000-\u001f\u007f]/.test(value) ? `--export path contains control characters` : undefined;
  if (/[\s\u0000-\u001f\u007f]/.test(v)) return `${flag} value '${printable(v)}' contains spaces or control characters`;
  if (flag === '--model' && !isModelName(v)) {
    return `--model '${printable(v)}' is not a valid model name (e.g. deepseek-r1:32b)`;
  }
  if (flag === '--think' && THINK_FLAG_VALUES[v.toLowerCase()] === undefined) {
    return `--think '${printable(v)}' is not a think setting (on, off, low, medium, high or max)`;
  }
  if (flag === '--theme' && !isThemeName(v)) {
    return `--theme '${printable(v)}' is not a theme name (letters, digits, - and _; see themes/)`;
  }
  return undefined;
}

const THINK_FLAG_VALUES: Record<string, ThinkValue> = { on: true, off: false, low: 'low', medium: 'medium', high: 'high', max: 'max' };

export const HELP_TEXT = `r1-tui: a full-screen terminal chat for Ollama, made for reasoning models (DeepSeek-R1).

Usage: r1-tui [--host URL] [--backend KIND] [--api-key KEY] [--model NAME] [--theme NAME] [--think on|off|low|medium|high|max] [--demo] [--resume]
       r1-tui --export FILE.md [--no-reasoning]
       r1-tui doctor [--host URL] [--json]
       r1-tui bench --models A,B,C [--prompt TEXT | --prompt-file FILE] [--runs N] [--num-ctx N]
                    [--think on|off] [--json | --csv | --markdown] [--host URL]
       r1-tui bench --history [--json | --csv | --markdown]

Flags:
  --host URL      Server to talk to (default: $OLLAMA_HOST, else http://127.0.0.1:11434): Ollama,
                  llama.cpp's llama-server, vLLM, SGLang, LM Studio or any OpenAI-compatible server.
                  Parsed like the Ollama CLI: "10.0.0.5", "box:11434", "https://host/ollama".
                  Or a name from the config's "hosts". Give it more than once: the first is used,
                  Alt+H switches between them (and the config's hosts).
  --backend KIND  The kind of server at --host: ollama, llama.cpp, vllm, sglang, lmstudio or openai
                  (default: found out with a few quick GETs; the header names it, e.g. "vLLM 0.19.1").
                  A URL with or without /v1 works for the OpenAI-compatible ones.
  --api-key KEY   Key for the first host, a server started with --api-key (default: $R1_TUI_API_KEY;
                  a config host's "apiKey" wins for that host). Sent only as
                  "Authorization: Bearer"; never printed, logged, saved or exported.
  --model NAME    Model to chat with (default: a loaded model, else the first deepseek-r1, else the first).
  --theme NAME    Colour theme from themes/ (dark, light, high-contrast, dark-256) or your own
                  $XDG_CONFIG_HOME/r1-tui/themes/NAME.json. Alt+T picks one in the app. NO_COLOR disables colour.
  --think VALUE   Start with thinking on, off, or at a level (low, medium, high; Ollama 0.11+; max: 0.22+)
                  for models that can think (default: the config's think, else on). F4 changes it in the app.
  --demo          Run against a built-in simulated Ollama (no server needed). The header says DEMO.
                  With --backend vllm|sglang|llama.cpp|lmstudio: a simulated server of that kind.
  --resume        Reopen the most recent saved conversation.
  --export FILE   Write the most recent conversation to FILE as Markdown (reasoning in <details>) and exit.
  --no-reasoning  With --export: leave the reasoning out.
  -h, --help      Show this help.
  -v, --version   Show the version.

Commands:
  doctor          Check Ollama (reachable, version, models, placement), GPU, RAM, terminal, clipboard
                  and data dirs; a fix hint for each problem. Exit 0 when nothing fails, else 1.
  bench           Cold-load each model, run the prompt N times and compare load time, prompt/eval
                  tok/s, thinking/answer tokens, CPU/GPU split, peak RAM/VRAM and the fit estimate.
                  Results are appended to $XDG_DATA_HOME/r1-tui/bench-history.jsonl (--history).
  r1-tui doctor --help and r1-tui bench --help list their flags.

Keys: Enter send · Ctrl+J newline · Esc stop / close · Ctrl+C stop, or quit when idle · Ctrl+D quit (empty input)
      Ctrl+T fold reasoning · Ctrl+P models · Alt+H hosts · PgUp/PgDn scroll · F1 help

Conversations are saved in $XDG_DATA_HOME/r1-tui/conversations (default ~/.local/share/r1-tui).
Config: $XDG_CONFIG_HOME/r1-tui/config.json (default ~/.config/r1-tui): host, model, theme, reasoningMode, layout,
        think, keepAlive, numCtx, keepReasoning, keys, hosts ([{"name", "url", "backend"?, "apiKey"?}]).
        Flags override it; OLLAMA_HOST overrides its host.
        Alt+T in the app picks a theme and saves it there.

Environment: OLLAMA_HOST, R1_TUI_API_KEY, NO_COLOR, R1_TUI_LOG (log file path), XDG_DATA_HOME, XDG_CONFIG_HOME.
`;
