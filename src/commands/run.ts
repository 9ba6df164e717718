/** Entry for the subcommands (`r1-tui bench …`, `r1-tui doctor …`); returns the exit code. */
import { runBench } from './bench.js';
import { runDoctor } from './doctor.js';
import { defaultCommandContext, type CommandContext } from './io.js';
import { sanitize } from '../core/sanitize.js';

export const SUBCOMMANDS = ['bench', 'doctor'] as const;

export function isSubcommand(word: string | undefined): boolean {
  return word !== undefined && (SUBCOMMANDS as readonly string[]).includes(word);
}

export async function runCommand(argv: readonly string[], ctx: CommandContext = defaultCommandContext()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'doctor') return runDoctor(rest, ctx);
  if (name === 'bench') return runBench(rest, ctx);
  ctx.stderr.write(`r1-tui: unknown command '${sanitize(name ?? '')}'\n`);
  return 2;
}
