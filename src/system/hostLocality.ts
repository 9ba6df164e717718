/** Whether an Ollama base URL points at this machine (then RAM/VRAM/RSS of this box describe the model). */
import { networkInterfaces } from 'node:os';

const LOOPBACK = new Set(['localhost', '0.0.0.0', '::', '::1', '']);

export function isLocalHost(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  if (LOOPBACK.has(host) || host.startsWith('127.')) return true;
  for (const list of Object.values(networkInterfaces())) {
    for (const addr of list ?? []) if (addr.address.toLowerCase() === host) return true;
  }
  return false;
}
