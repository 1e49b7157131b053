// Machine-wide CPU and memory, beside prom-client's per-process defaults
// (process_cpu_seconds_total, process_resident_memory_bytes, nodejs_eventloop_lag_*):
//   system_cpu_usage_ratio            share of all cores busy since the previous scrape, 0–1
//   system_memory_bytes{state}        total | available
//   system_load_average{period}       1m | 5m | 15m
// Read from os at scrape time, so nothing runs between scrapes.
import os from 'node:os';
import client from 'prom-client';

type CpuTimes = { busy: number; total: number };

function cpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    const all = t.user + t.nice + t.sys + t.idle + t.irq;
    total += all;
    busy += all - t.idle;
  }
  return { busy, total };
}

/** Busy share between two readings; 0 when no time passed. */
export function busyRatio(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  return Math.min(1, Math.max(0, (after.busy - before.busy) / total));
}

export function registerSystemMetrics(registry: client.Registry): void {
  let last = cpuTimes();
  new client.Gauge({
    name: 'system_cpu_usage_ratio',
    help: 'Share of all CPU cores busy (user, nice, system, irq) since the previous scrape, 0-1',
    registers: [registry],
    collect() {
      const now = cpuTimes();
      this.set(busyRatio(last, now));
      last = now;
    },
  });
  new client.Gauge({
    name: 'system_memory_bytes',
    help: 'Machine memory: total and available (free plus reclaimable, as the kernel reports it)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, os.totalmem());
      this.set({ state: 'available' }, os.freemem());
    },
  });
  new client.Gauge({
    name: 'system_load_average',
    help: 'Load average over 1, 5 and 15 minutes',
    labelNames: ['period'] as const,
    registers: [registry],
    collect() {
      const [a, b, c] = os.loadavg();
      this.set({ period: '1m' }, a ?? 0);
      this.set({ period: '5m' }, b ?? 0);
      this.set({ period: '15m' }, c ?? 0);
    },
  });
}

