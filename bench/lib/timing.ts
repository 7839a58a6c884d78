/**
 * Throughput measurement: warm up, then time whole passes over the same inputs until a time
 * budget is spent; repeat for several rounds and keep the best round. On a shared 2-core machine
 * interference only ever slows a round down, so the best round is the closest to the tool's
 * own speed, and every tool is measured the same way.
 */
import { performance } from 'node:perf_hooks';

export interface Throughput {
  /** Inputs per second in the best round. */
  readonly perSecond: number;
  /** Per-round rates, for the spread. */
  readonly rounds: readonly number[];
}

/** `pass` processes all `count` inputs once and returns something derived from the answers. */
export function measure(count: number, pass: () => unknown, seconds: number, rounds: number): Throughput {
  let sink = 0;
  const consume = (value: unknown): void => {
    sink += typeof value === 'number' ? value : 1;
  };
  const warmUntil = performance.now() + Math.min(1000, seconds * 500);
  do consume(pass()); while (performance.now() < warmUntil);
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let done = 0;
    const start = performance.now();
    let elapsed: number;
    do {
      consume(pass());
      done += count;
      elapsed = performance.now() - start;
    } while (elapsed < seconds * 1000);
    rates.push((done / elapsed) * 1000);
  }
  if (sink < 0) console.log(sink); // keeps the answers observable so no pass can be optimised away
  return { perSecond: Math.max(...rates), rounds: rates };
}
