/**
 * Estimated GPU layer split (a heuristic from /api/ps size and size_vram, not an Ollama figure).
 * total = block_count + 1 (the output layer); gpu ≈ round(total × size_vram / size). The estimate is
 * rough because `size` also holds the KV cache and compute buffers. Returns undefined when the inputs
 * cannot give an answer (unknown block count, size 0, VRAM larger than size).
 */
export function estimateGpuLayers(
  size: number,
  sizeVram: number,
  blockCount: number,
): { gpu: number; total: number } | undefined {
  if (!Number.isFinite(blockCount) || blockCount <= 0) return undefined;
  const total = Math.trunc(blockCount) + 1;
  if (sizeVram === size && size > 0) return { gpu: total, total };
  if (sizeVram === 0) return { gpu: 0, total };
  if (size <= 0 || sizeVram < 0 || sizeVram > size) return undefined;
  const gpu = Math.min(total, Math.max(0, Math.round((total * sizeVram) / size)));
  return { gpu, total };
}
