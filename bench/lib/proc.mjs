// Per-process CPU and RSS from procfs (Linux). CPU is utime+stime of /proc/<pid>/stat in seconds.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let clockTicks;
function ticksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU seconds (user+system) used so far by pid, or undefined if it is gone / not Linux. */
export function cpuSeconds(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may contain spaces and parentheses: fields start after the last ')'
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return (utime + stime) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/** Resident set size in bytes, or undefined. */
export function rssBytes(pid) {
  try {
    const m = /^VmRSS:\s+(\d+)\s*kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Sum over pid and its descendants (node may fork helpers); falls back to the pid alone. */
export function treeCpuSeconds(pid) {
  let total = cpuSeconds(pid);
  if (total === undefined) return undefined;
  for (const child of childrenOf(pid)) total += treeCpuSeconds(child) ?? 0;
  return total;
}

function childrenOf(pid) {
  const out = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // not available
  }
  return out;
}

/** CPU seconds of the process's main thread and of all its other threads (V8's GC and compiler workers, libuv's pool). */
export function threadCpuSeconds(pid) {
  try {
    let main = 0;
    let others = 0;
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      const s = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
      if (Number(tid) === pid) main += s;
      else others += s;
    }
    return { main, others };
  } catch {
    return undefined;
  }
}
