/**
 * Suspend and resume like a full-screen program: Ctrl+Z (byte 0x1A in raw mode, bound to the 'suspend'
 * action) and SIGTSTP (`kill -TSTP`) put the terminal back as restore() does (main screen, cursor shown,
 * cooked mode, mouse and bracketed-paste reporting off) and stop the process; SIGCONT (the shell's `fg`,
 * or `kill -CONT`) takes the terminal again and repaints the whole frame.
 *
 * The process stops itself with SIGSTOP, not SIGTSTP: the kernel discards SIGTSTP for a process group
 * with no parent in the session (an orphaned group, e.g. started under setsid), and SIGSTOP cannot be
 * ignored, so the terminal is never left restored with the app still running.
 */

export interface SuspendProcess {
  readonly pid: number;
  on(signal: 'SIGTSTP' | 'SIGCONT', listener: () => void): unknown;
  off(signal: 'SIGTSTP' | 'SIGCONT', listener: () => void): unknown;
  kill(pid: number, signal: string): unknown;
}

export interface SuspendDeps {
  /** Put the terminal back for the shell (the fullscreen handle's pause). */
  pause(): void;
  /** Take the terminal again (the fullscreen handle's resume). */
  resume(): void;
  /** Draw the whole frame again: the screen is empty after resume, or was drawn over while stopped. */
  repaint(): void;
  /** Where a failing step is reported (never thrown: a signal handler must not crash the app). */
  onError?(step: string, error: unknown): void;
  proc?: SuspendProcess;
}

export interface Suspender {
  /** Ctrl+Z: restore the terminal and stop until SIGCONT. */
  suspend(): void;
  /** Remove the signal handlers. */
  dispose(): void;
}

export function installSuspend(deps: SuspendDeps): Suspender {
  const proc: SuspendProcess = deps.proc ?? (process as unknown as SuspendProcess);
  let paused = false;
  const guard = (step: string, run: () => void): void => {
    try {
      run();
    } catch (error) {
      deps.onError?.(step, error);
    }
  };

  const suspend = (): void => {
    if (paused) return;
    paused = true;
    guard('pause', deps.pause);
    guard('stop', () => proc.kill(proc.pid, 'SIGSTOP'));
  };

  // Only after our own pause: a SIGCONT from outside (kill -STOP/-CONT, or the kernel's SIGHUP+SIGCONT
  // when the terminal hangs up) left the screen as it was, and a repaint into a closed terminal would fail.
  const onContinue = (): void => {
    if (!paused) return;
    paused = false;
    guard('resume', deps.resume);
    guard('repaint', deps.repaint);
  };

  proc.on('SIGTSTP', suspend);
  proc.on('SIGCONT', onContinue);
  return {
    suspend,
    dispose(): void {
      proc.off('SIGTSTP', suspend);
      proc.off('SIGCONT', onContinue);
    },
  };
}
