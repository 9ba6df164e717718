/**
 * Doctor checks of the terminal: TERM, colour depth, UTF-8 locale, size, tmux/SSH, and the clipboard
 * route (OSC 52; inside tmux one `tmux show -gv` each for set-clipboard and allow-passthrough).
 */
import { noColorRequested } from '../core/theme.js';
import { check, type Check } from './doctorTypes.js';
import type { CommandContext } from './io.js';

export function localeOf(env: CommandContext['env']): { name: string; value: string } | undefined {
  for (const name of ['LC_ALL', 'LC_CTYPE', 'LANG']) {
    const value = env[name];
    if (value) return { name, value };
  }
  return undefined;
}

export function colourDepth(env: CommandContext['env']): 'none' | '24-bit' | '256' | '16' {
  if (noColorRequested(env)) return 'none';
  const colorterm = (env.COLORTERM ?? '').toLowerCase();
  if (colorterm === 'truecolor' || colorterm === '24bit') return '24-bit';
  if (/256col/i.test(env.TERM ?? '')) return '256';
  return '16';
}

export function terminalChecks(ctx: CommandContext): Check[] {
  const env = ctx.env;
  const checks: Check[] = [];
  const term = env.TERM ?? '';
  if (term === '' || term === 'dumb') {
    checks.push(
      check('terminal.term', 'warn', term === '' ? 'TERM is not set.' : 'TERM=dumb: no cursor control.', 'export TERM=xterm-256color'),
    );
  } else {
    checks.push(check('terminal.term', 'pass', `TERM=${term}.`));
  }

  const depth = colourDepth(env);
  if (depth === 'none') checks.push(check('terminal.colour', 'info', 'Colours off (NO_COLOR is set).'));
  else if (depth === '16') {
    checks.push(
      check(
        'terminal.colour',
        'warn',
        `Only 16 colours detected (TERM=${term || 'unset'}, COLORTERM ${env.COLORTERM ? `=${env.COLORTERM}` : 'unset'}).`,
        env.TMUX
          ? 'In ~/.tmux.conf: set -g default-terminal tmux-256color'
          : 'export TERM=xterm-256color, or run with --theme ansi256',
      ),
    );
  } else {
    const why = depth === '24-bit' ? `COLORTERM=${env.COLORTERM}` : `TERM=${term}`;
    checks.push(check('terminal.colour', 'pass', `${depth} colour (${why}).`));
  }

  const locale = localeOf(env);
  if (locale && /utf-?8/i.test(locale.value)) {
    checks.push(check('terminal.locale', 'pass', `UTF-8 locale (${locale.name}=${locale.value}).`));
  } else {
    const what = locale ? `${locale.name}=${locale.value}` : 'no LC_ALL, LC_CTYPE or LANG';
    checks.push(
      check(
        'terminal.locale',
        'warn',
        `Locale is not UTF-8 (${what}): borders, CJK and emoji may show as garbage.`,
        'export LANG=C.UTF-8 (or en_US.UTF-8) before starting r1-tui.',
      ),
    );
  }

  const out = ctx.stdout;
  if (!out.isTTY || !out.columns || !out.rows) {
    checks.push(check('terminal.size', 'info', 'Output is not a terminal (piped): size not checked.'));
  } else if (out.columns < 80 || out.rows < 24) {
    checks.push(
      check(
        'terminal.size',
        'warn',
        `Terminal is ${out.columns}x${out.rows}, smaller than 80x24.`,
        'Enlarge the window; below 80x24 panes are cramped.',
      ),
    );
  } else {
    const layout = out.columns >= 100 ? 'side panel' : 'status line';
    checks.push(check('terminal.size', 'pass', `Terminal is ${out.columns}x${out.rows} (performance ${layout}).`));
  }

  const where: string[] = [];
  if (env.TMUX) where.push('inside tmux');
  if (env.STY) where.push('inside GNU screen');
  const ssh = env.SSH_CONNECTION?.split(' ')[0];
  if (ssh) where.push(`over SSH from ${ssh}`);
  else if (env.SSH_TTY) where.push('over SSH');
  checks.push(check('terminal.session', 'info', where.length > 0 ? `Running ${where.join(', ')}.` : 'Local terminal (no tmux, no SSH).'));
  return checks;
}

async function tmuxOption(ctx: CommandContext, name: string): Promise<string | undefined> {
  const r = await ctx.exec('tmux', ['show', '-gv', name]);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

const TMUX_FIX = 'tmux set -g set-clipboard on   (and add `set -g set-clipboard on` to ~/.tmux.conf)';

export async function clipboardCheck(ctx: CommandContext): Promise<Check> {
  const env = ctx.env;
  if (env.TMUX) {
    const setClipboard = await tmuxOption(ctx, 'set-clipboard');
    const passthrough = await tmuxOption(ctx, 'allow-passthrough');
    if (setClipboard === undefined) {
      return check('clipboard', 'warn', 'Inside tmux, but `tmux show -gv set-clipboard` failed: OSC 52 route unknown.', TMUX_FIX);
    }
    const settings = `set-clipboard ${setClipboard}, allow-passthrough ${passthrough ?? 'unknown'}`;
    if (setClipboard === 'on') {
      return check('clipboard', 'pass', `Copy (OSC 52) goes through tmux to your terminal (${settings}).`);
    }
    return check(
      'clipboard',
      'warn',
      `Copy (OSC 52) is stopped by tmux (${settings}): copies from r1-tui will not reach your clipboard.`,
      TMUX_FIX,
    );
  }
  if (env.STY) {
    return check('clipboard', 'warn', 'GNU screen does not pass OSC 52: copies will not reach your clipboard.', 'Run r1-tui in tmux or directly in the terminal.');
  }
  if ((env.TERM ?? '') === 'linux') {
    return check('clipboard', 'warn', 'The Linux console has no clipboard (OSC 52 is ignored).');
  }
  const ssh = env.SSH_CONNECTION || env.SSH_TTY;
  return check(
    'clipboard',
    'pass',
    ssh
      ? 'Copy (OSC 52) goes over SSH to your local terminal, if it allows clipboard writes.'
      : 'Copy (OSC 52) goes to the terminal, if it allows clipboard writes.',
  );
}
