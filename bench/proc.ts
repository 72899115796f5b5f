// What the kernel counts for a process: resident memory now and at its peak, CPU time used.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]);
}

/** Resident memory now, MB. */
export const rssMb = (pid: number) => statusKb(pid, 'VmRSS') / 1024;

/** Peak resident memory since the process started ("high water mark"), MB. */
export const peakRssMb = (pid: number) => statusKb(pid, 'VmHWM') / 1024;

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User plus system CPU time the process has used so far, seconds (0 once it is gone). */
export function cpuSeconds(pid: number): number {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

/** Samples a process's resident memory until stopped; returns the peak seen, MB. */
export function sampleRss(pid: () => number, everyMs = 250): { stop(): number } {
  let peak = 0;
  const take = () => {
    try {
      peak = Math.max(peak, rssMb(pid()));
    } catch {
      // Between a restart's stop and start: nothing to read this time.
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}
