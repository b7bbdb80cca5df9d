import { readdir, readFile } from 'node:fs/promises';

/**
 * Memory readings for the soak runs: this process's own figures (after a forced GC when
 * node runs with --expose-gc) and other processes' resident sizes from /proc.
 */

/** Bytes to MB (10^6 bytes). */
export function mb(bytes: number): number {
  return bytes / 1_000_000;
}

/** This process's memory, after a full GC when `global.gc` is available. */
export function ownMemory(): {
  heapUsedMb: number;
  rssMb: number;
  externalMb: number;
  gc: boolean;
} {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m = process.memoryUsage();
  return {
    heapUsedMb: mb(m.heapUsed),
    rssMb: mb(m.rss),
    externalMb: mb(m.external + m.arrayBuffers),
    gc: gc !== undefined,
  };
}

/** A "VmRSS"-style field of /proc/PID/status in bytes; null when the process or field is gone. */
export function procStatusBytes(pid: number, field: string): Promise<number | null> {
  return procKbField(`/proc/${pid}/status`, field);
}

/**
 * The proportional set size of `pid` (shared pages split between the processes sharing
 * them), bytes: the fair way to add up a multi-process browser. Null when gone.
 */
export function procPssBytes(pid: number): Promise<number | null> {
  return procKbField(`/proc/${pid}/smaps_rollup`, 'Pss');
}

async function procKbField(file: string, field: string): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const line = text.split('\n').find((l) => l.startsWith(`${field}:`));
  const kb = line === undefined ? Number.NaN : Number(/(\d+)\s*kB/.exec(line)?.[1]);
  return Number.isFinite(kb) ? kb * 1024 : null;
}

/** The parent pid of `pid` from /proc/PID/stat; null when gone. */
async function parentOf(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields resume after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(rest[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

/** Every live descendant of `root` (children, grandchildren, ...). */
export async function descendants(root: number): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n)).map(Number);
  const parents = new Map<number, number>();
  await Promise.all(
    pids.map(async (pid) => {
      const ppid = await parentOf(pid);
      if (ppid !== null) parents.set(pid, ppid);
    }),
  );
  const below = (pid: number): boolean => {
    for (let p = parents.get(pid), hops = 0; p !== undefined && hops < 64; hops++) {
      if (p === root) return true;
      p = parents.get(p);
    }
    return false;
  };
  return pids.filter(below);
}

/** Summed proportional set size of `pids`, bytes (processes that vanished count 0). */
export async function totalPss(pids: readonly number[]): Promise<number> {
  const sizes = await Promise.all(pids.map((pid) => procPssBytes(pid)));
  return sizes.reduce<number>((sum, s) => sum + (s ?? 0), 0);
}
