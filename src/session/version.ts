/** Ollama server version checks (e.g. "0.12.6", "0.11.0-rc1"). */

/** Numeric compare of the dotted part; pre-release suffixes are ignored. Unknown parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/, '').split(/[-+]/)[0]!.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * `think: "max"` is accepted from Ollama 0.21.3 (commit c2ebb4d57 "api: accept \"max\" as a think value",
 * 2026-04-24; first in the v0.21.3-rc0 tag, first release v0.22.0). Pre-release suffixes are ignored,
 * so 0.21.3-rc0 counts.
 */
export function serverAcceptsThinkMax(version: string | undefined): boolean {
  return version !== undefined && compareVersions(version, '0.21.3') >= 0;
}

/** `think: "low" | "medium" | "high"` is accepted from Ollama 0.11.0 (Ollama release notes). */
export function serverAcceptsThinkLevels(version: string | undefined): boolean {
  return version !== undefined && compareVersions(version, '0.11.0') >= 0;
}
