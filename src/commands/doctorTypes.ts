/** One line of `r1-tui doctor`. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'info';

export interface Check {
  /** Stable id for scripts (`--json`), e.g. "ollama.reachable". */
  id: string;
  status: CheckStatus;
  /** What was found, one sentence. */
  message: string;
  /** What to do about it (warn/fail, sometimes info). */
  fix?: string;
}

export function check(id: string, status: CheckStatus, message: string, fix?: string): Check {
  return fix === undefined ? { id, status, message } : { id, status, message, fix };
}
