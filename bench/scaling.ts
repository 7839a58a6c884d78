/**
 * Worker scaling: how fast `glossa worker --concurrency N` drains a queue that is already full,
 * for N = 1, 2, 3, 4, on RabbitMQ + PostgreSQL with durable settings. No API in the path: the
 * messages are published beforehand (as an outside producer would, through the same broker code
 * the API uses), so what is measured is consume → predict → write result → ack.
 *
 * On this 2-core machine one worker process alone can keep RabbitMQ and PostgreSQL busy enough to
 * use both cores, so unconstrained the cores run out at N = 1. To see how throughput grows with
 * workers that each have their own CPU (as on separate machines), `--cpu-per-worker Q` starts N
 * separate `glossa worker` processes, each in its own cgroup (v1 cpu controller, CFS quota) allowed
 * Q of a core, and RabbitMQ and PostgreSQL keep the rest. Without it, one `glossa worker
 * --concurrency N` runs unconstrained. Beside each rate the report gives the machine's CPU use
 * during the drain (from /proc/stat).
 *
 *   node --import tsx bench/scaling.ts [--messages 30000] [--max 4] [--cpu-per-worker 0.2]
 * (the cgroup needs root and /sys/fs/cgroup/cpu; without it the run says so and is unconstrained)
 * Writes bench/results/scaling.md.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openBroker } from '../src/queue/index.js';
import type { RequestMessage } from '../src/queue/index.js';
import { formatMachine, machineInfo } from './lib/machine.js';
import { AMQP, PG, args, argValue, bin, deleteTopology, root } from './lib/services.js';

const messages = Number(argValue('--messages') ?? '30000');
const maxN = Number(argValue('--max') ?? '4');
const cpuPerWorker = argValue('--cpu-per-worker') === undefined ? undefined : Number(argValue('--cpu-per-worker'));
const CGROUP_ROOT = '/sys/fs/cgroup/cpu';

/** A cgroup allowing `cores` of CPU; undefined when cgroups cannot be used here. */
function cpuLimit(name: string, cores: number): { add(pid: number): void; remove(): void } | undefined {
  const dir = join(CGROUP_ROOT, name);
  try {
    mkdirSync(dir);
    writeFileSync(join(dir, 'cpu.cfs_period_us'), '100000');
    writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(Math.round(cores * 100_000)));
  } catch (e) {
    console.error(`  no cgroup CPU limit (${e instanceof Error ? e.message : String(e)}); running unconstrained`);
    return undefined;
  }
  return {
    add: (pid) => writeFileSync(join(dir, 'cgroup.procs'), String(pid)),
    remove: () => {
      // Processes that are still listed go back to the root group first.
      for (const pid of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
        try { writeFileSync(join(CGROUP_ROOT, 'cgroup.procs'), pid); } catch { /* exited */ }
      }
      try { rmdirSync(dir); } catch { /* still busy; harmless */ }
    },
  };
}

const TEXTS = [
  'All human beings are born free and equal in dignity and rights.',
  'Tous les êtres humains naissent libres et égaux en dignité et en droits.',
  'Alle Menschen sind frei und gleich an Würde und Rechten geboren.',
  'Todos los seres humanos nacen libres e iguales en dignidad y derechos.',
  'Все люди рождаются свободными и равными в своем достоинстве и правах.',
  'Kaikki ihmiset syntyvät vapaina ja tasavertaisina arvoltaan ja oikeuksiltaan.',
  'Alla människor är födda fria och lika i värde och rättigheter.',
  'Wszyscy ludzie rodzą się wolni i równi pod względem swej godności i swych praw.',
];

/** Busy and total jiffies of the whole machine. */
function cpuTimes(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

interface Row { n: number; rate: number; seconds: number; busyCores: number; done: number; rows: number }

async function drain(n: number): Promise<Row> {
  const schema = `bench_scaling_${process.pid}_${n}`;
  const queue = `glossa.bench.scaling.${process.pid}.${n}`;
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  const broker = await openBroker(AMQP, { queue, maxLength: messages + 1000 });
  try {
    // Fill the queue first, in confirmed chunks.
    for (let i = 0; i < messages; i += 1000) {
      const chunk: RequestMessage[] = [];
      for (let j = i; j < Math.min(messages, i + 1000); j++) chunk.push({ v: 1, id: randomUUID(), text: TEXTS[j % TEXTS.length] as string, enqueuedAt: new Date().toISOString() });
      const outcomes = await broker.publish(chunk);
      if (outcomes.some((o) => !o.ok)) throw new Error('the broker refused part of the pre-fill');
    }
    const env = { ...process.env, GLOSSA_BROKER_URL: AMQP, GLOSSA_DATABASE_URL: PG, GLOSSA_QUEUE_NAME: queue, GLOSSA_DB_SCHEMA: schema, GLOSSA_LOG_LEVEL: 'error', GLOSSA_QUEUE_MAX_LENGTH: String(messages + 1000) };
    const before = cpuTimes();
    const t0 = performance.now();
    // Unconstrained: one `glossa worker --concurrency N` (N forked processes). With a CPU share:
    // N separate `glossa worker` processes, each in its own cgroup from its first instruction, as
    // if each ran on its own small machine (a shared group would throttle them all at once).
    const workers = cpuPerWorker === undefined
      ? [spawn(process.execPath, [bin, 'worker', '--concurrency', String(n)], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })]
      : Array.from({ length: n }, () => spawn(process.execPath, [bin, 'worker', '--concurrency', '1'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] }));
    const limits = cpuPerWorker === undefined ? [] : workers.map((w, i) => {
      const limit = cpuLimit(`glossa-bench-${process.pid}-${n}-${i}`, cpuPerWorker);
      limit?.add(w.pid as number);
      return limit;
    });
    limitedAll ||= limits.length > 0 && limits.every((l) => l !== undefined);
    const exited = Promise.all(workers.map((w) => new Promise<void>((r) => w.on('exit', () => r()))));
    let done = 0;
    const deadline = Date.now() + 600_000;
    while (done < messages && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      done = Number((await client.query(`SELECT count(*) AS n FROM ${schema}.predictions WHERE status = 'done'`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n);
    }
    const elapsed = (performance.now() - t0) / 1000;
    const after = cpuTimes();
    for (const w of workers) w.kill('SIGTERM');
    await exited;
    for (const l of limits) l?.remove();
    // The rate from the database's own clock: first to last result written (start-up excluded).
    const r = (await client.query(`SELECT count(*) AS rows, extract(epoch FROM max(completed_at) - min(completed_at)) AS span FROM ${schema}.predictions`)).rows[0] as { rows: string; span: string };
    const span = Number(r.span);
    const rate = done / span;
    const busyCores = ((after.busy - before.busy) / (after.total - before.total)) * machineInfo().cores;
    console.error(`  N=${n}: ${rate.toFixed(0)}/s, ${busyCores.toFixed(2)} cores busy (wall ${elapsed.toFixed(1)} s)`);
    return { n, rate, seconds: span, busyCores, done, rows: Number(r.rows) };
  } finally {
    await broker.close();
    await deleteTopology(queue);
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  }
}

let limitedAll = false;
const rows: Row[] = [];
const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
for (let n = 1; n <= maxN; n++) rows.push(await drain(n));

const out = [
  '# Worker scaling: draining a full queue with `glossa worker --concurrency N`',
  '',
  '```',
  `Machine: ${formatMachine(machineInfo())}`,
  `Load average before: ${loadBefore}`,
  `Command: node --import tsx bench/scaling.ts ${args.join(' ')} (${messages} messages pre-published per run; RabbitMQ quorum queue, confirms, PostgreSQL synchronous_commit on)`,
  cpuPerWorker !== undefined && limitedAll
    ? `Workers: N separate \`glossa worker\` processes, each limited to ${cpuPerWorker} core by its own cgroup (CFS quota); RabbitMQ and PostgreSQL unconstrained`
    : 'Workers: one `glossa worker --concurrency N`, unconstrained (workers, RabbitMQ and PostgreSQL share the cores)',
  '```',
  '',
  '| N processes | predictions/s | vs N=1 | machine cores busy | done | rows (one per message) |',
  '|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.n} | **${r.rate.toFixed(0)}** | ${(r.rate / (rows[0] as Row).rate).toFixed(2)}× | ${r.busyCores.toFixed(2)} of ${machineInfo().cores} | ${r.done} | ${r.rows} |`),
  '',
  'Rate = results written / (last − first completed_at); cores busy = the whole machine during the drain (workers, RabbitMQ, PostgreSQL, and anything else running).',
  '',
];
const report = join(root, 'bench', 'results', cpuPerWorker === undefined ? 'scaling.md' : 'scaling-cpu-limited.md');
writeFileSync(report, out.join('\n'));
console.log(out.join('\n'));
