/**
 * The PROCESSOR column of `ollama ps` (ollama/cmd/cmd.go ListRunningHandler), checked in the CLI's order:
 * `100% CPU`, `100% GPU` (exact equality only), `Unknown`, else `<cpu>%/<gpu>% CPU/GPU` with the CPU
 * share rounded half away from zero (Go math.Round; equal to Math.round for positive values).
 */
export function processorLabel(size: number, sizeVram: number): string {
  if (sizeVram === 0) return '100% CPU';
  if (sizeVram === size) return '100% GPU';
  if (sizeVram > size || size === 0) return 'Unknown';
  const cpu = Math.round(((size - sizeVram) / size) * 100);
  return `${cpu}%/${100 - cpu}% CPU/GPU`;
}
