/**
 * The machine a benchmark ran on, printed first and written beside every figure: numbers
 * without the machine are not comparable (pino's benchmarks do the same).
 */
import { cpus, freemem, loadavg, totalmem, type as osType, release } from 'node:os';

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly date: string;
  /** 1-minute load average when the run started: above the core count, other work shared the CPUs. */
  readonly load1: number;
}

export function machineInfo(now: Date = new Date()): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    date: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    load1: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  };
}

export function formatMachine(m: MachineInfo): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}, ${m.date}, load average ${m.load1}`;
}

/** Free memory matters for the RSS figures; printed in the header only. */
export function freeMemoryGiB(): number {
  return Math.round((freemem() / 2 ** 30) * 10) / 10;
}
