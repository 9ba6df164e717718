/**
 * Full-screen bootstrap for Ink 6.8, which has no alternate-screen option of its own.
 *
 * enterFullscreen() switches to the alternate screen with auto-wrap off; restore() puts the terminal
 * back (auto-wrap on, cursor visible, main screen, stdin out of raw mode). installExitHandlers() makes
 * sure restore() runs on normal exit, crashes and the signals a terminal app meets (SIGTERM, SIGHUP when
 * SSH drops, SIGINT when it arrives as a signal rather than as a raw-mode byte).
 * All writes are synchronous (fs.writeSync on the fd) so they land before the process exits.
 */
import fs from 'node:fs';
import os from 'node:os';
import { log, logPath } from '../system/log.js';
import { sanitize } from '../core/sanitize.js';

const CSI = '\u001B[';

/** Written on entry: alternate screen, auto-wrap off, cursor home. */
export const ENTER_FULLSCREEN = `${CSI}?1049h${CSI}?7l${CSI}H`;
/**
 * Written on restore: bracketed paste and mouse reporting off (harmless if never enabled),
 * auto-wrap on, main screen, cursor visible (shown after the switch: some terminals keep the cursor's
 * visibility per screen).
 */
export const LEAVE_FULLSCREEN = `${CSI}?2004l${CSI}?1006l${CSI}?1002l${CSI}?1000l${CSI}?7h${CSI}?1049l${CSI}?25h`;

interface OutputLike {
  isTTY?: boolean;
  fd?: number;
  write?: (chunk: string) => unknown;
}

interface InputLike {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

export interface FullscreenHandle {
  /** Put the terminal back. Safe to call any number of times. */
  restore(): void;
  /** For a suspend (Ctrl+Z): the terminal as restore() leaves it, but resume() can take it again. */
  pause(): void;
  /** After a suspend: raw mode and the alternate screen again (empty: the app must repaint all of it). */
  resume(): void;
  /** Whether enterFullscreen actually switched screens (false when stdout is not a TTY). */
  readonly active: boolean;
}

/** Write synchronously to the stream's fd; never throws. Retries briefly on EAGAIN (non-blocking TTYs). */
export function writeSyncSafe(out: OutputLike, text: string): void {
  const fd = typeof out.fd === 'number' ? out.fd : undefined;
  if (fd === undefined) {
    try {
      out.write?.(text);
    } catch {
      // nothing more we can do
    }
    return;
  }
  let buf = Buffer.from(text);
  for (let attempt = 0; attempt < 50 && buf.length > 0; attempt++) {
    try {
      const written = fs.writeSync(fd, buf);
      buf = buf.subarray(written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
    }
  }
}

export function enterFullscreen(
  stdout: OutputLike = process.stdout,
  stdin: InputLike = process.stdin,
): FullscreenHandle {
  if (!stdout.isTTY) return { restore: () => {}, pause: () => {}, resume: () => {}, active: false };
  // Raw mode first, not when Ink's input hooks mount a moment later: in that gap the terminal would echo
  // typed keys over the screen, and a Ctrl+D would be eaten by the line discipline as end-of-file.
  try {
    if (stdin.isTTY && stdin.setRawMode) stdin.setRawMode(true);
  } catch {
    // not a real TTY after all; Ink reports that itself
  }
  writeSyncSafe(stdout, ENTER_FULLSCREEN);
  let restored = false;
  let paused = false;
  const setRaw = (mode: boolean): void => {
    try {
      if (stdin.isTTY && stdin.setRawMode) stdin.setRawMode(mode);
    } catch {
      // stdin may already be closed (SSH drop)
    }
  };
  return {
    active: true,
    restore(): void {
      if (restored) return;
      restored = true;
      setRaw(false);
      writeSyncSafe(stdout, LEAVE_FULLSCREEN);
    },
    pause(): void {
      if (restored || paused) return;
      paused = true;
      setRaw(false);
      writeSyncSafe(stdout, LEAVE_FULLSCREEN);
    },
    resume(): void {
      if (restored || !paused) return;
      paused = false;
      setRaw(true);
      writeSyncSafe(stdout, ENTER_FULLSCREEN);
    },
  };
}

export interface ExitHandlerOptions {
  /** Where the crash sentence goes (default process.stderr). */
  stderr?: OutputLike;
  /** Process to hook (tests pass a fake emitter). */
  proc?: NodeJS.EventEmitter & { exit?: (code?: number) => never };
  /** Runs after the terminal is restored on a crash, before exit (e.g. save the conversation). */
  onCrash?: () => void;
}

const HANDLED_SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
export type HandledSignal = (typeof HANDLED_SIGNALS)[number];

/** Conventional exit code for death by signal: 128 + signal number. */
export function signalExitCode(signal: HandledSignal): number {
  return 128 + (os.constants.signals[signal] ?? 1);
}

/**
 * Restore the terminal on normal exit, uncaught exception / unhandled rejection (then print one human
 * line with the log path to stderr and exit 1), SIGTERM, SIGHUP and SIGINT.
 * `onSignal` runs after restore for a signal (e.g. save state, then exit); without it the process exits
 * with 128 + the signal number. Returns a function that removes every handler.
 */
export function installExitHandlers(
  restore: () => void,
  onSignal?: (signal: HandledSignal) => void,
  options: ExitHandlerOptions = {},
): () => void {
  const proc = options.proc ?? process;
  const stderr = options.stderr ?? process.stderr;
  const exit = (code: number): void => {
    if (proc.exit) proc.exit(code);
    else process.exit(code);
  };

  const safeRestore = (): void => {
    try {
      restore();
    } catch (error) {
      log.error('terminal restore failed', error);
    }
  };

  const onExit = (): void => safeRestore();

  const onCrash = (error: unknown): void => {
    safeRestore();
    log.error('crash', error);
    try {
      options.onCrash?.();
    } catch (saveError) {
      log.error('crash handler failed', saveError);
    }
    const message = error instanceof Error ? error.message : String(error);
    const oneLine = message.split('\n')[0]?.slice(0, 300) ?? 'unknown error';
    writeSyncSafe(stderr, `r1-tui stopped because of an unexpected error: ${sanitize(oneLine)}\nDetails are in ${sanitize(logPath())}\n`);
    exit(1);
  };

  const signalHandlers = new Map<HandledSignal, () => void>();
  for (const signal of HANDLED_SIGNALS) {
    const handler = (): void => {
      safeRestore();
      log.info(`received ${signal}, exiting`);
      if (onSignal) {
        try {
          onSignal(signal);
          return;
        } catch (error) {
          log.error(`${signal} handler failed`, error);
        }
      }
      exit(signalExitCode(signal));
    };
    signalHandlers.set(signal, handler);
    proc.on(signal, handler);
  }

  proc.on('exit', onExit);
  proc.on('uncaughtException', onCrash);
  proc.on('unhandledRejection', onCrash);

  return () => {
    proc.off('exit', onExit);
    proc.off('uncaughtException', onCrash);
    proc.off('unhandledRejection', onCrash);
    for (const [signal, handler] of signalHandlers) proc.off(signal, handler);
  };
}
