/**
 * Throughput measurement for several tools on the same inputs: each tool is warmed up, then
 * every round times each tool in turn — whole passes over the inputs until a time budget is
 * spent — rotating the order from round to round. Interleaving matters on a shared machine: the
 * load of other jobs drifts over minutes, and timing one tool's rounds after another's would
 * compare tools under different loads. Interference only ever slows a round down, so the best
 * round is the closest to a tool's own speed; the median shows the spread.
 */
import { performance } from 'node:perf_hooks';

export interface Throughput {
  /** Inputs per second in the best round. */
  readonly perSecond: number;
  /** Inputs per second, median of the rounds. */
  readonly median: number;
  /** Per-round rates, in round order. */
  readonly rounds: readonly number[];
}

export interface Timed {
  readonly name: string;
  /** Processes all inputs once and returns something derived from the answers. */
  readonly pass: () => unknown;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** `count` inputs per pass; `onRound` reports progress after each round. */
export function measureInterleaved(
  count: number, tools: readonly Timed[], seconds: number, rounds: number, onRound?: (round: number) => void,
): Map<string, Throughput> {
  let sink = 0;
  const consume = (value: unknown): void => {
    sink += typeof value === 'number' ? value : 1;
  };
  for (const tool of tools) {
    const warmUntil = performance.now() + Math.min(1000, seconds * 500);
    do consume(tool.pass()); while (performance.now() < warmUntil);
  }
  const rates = tools.map((): number[] => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < tools.length; k++) {
      const i = (k + r) % tools.length;
      const tool = tools[i]!;
      let done = 0;
      const start = performance.now();
      let elapsed: number;
      do {
        consume(tool.pass());
        done += count;
        elapsed = performance.now() - start;
      } while (elapsed < seconds * 1000);
      rates[i]!.push((done / elapsed) * 1000);
    }
    onRound?.(r + 1);
  }
  if (sink < 0) console.log(sink); // keeps the answers observable so no pass can be optimised away
  return new Map(tools.map((tool, i) => [tool.name, { perSecond: Math.max(...rates[i]!), median: median(rates[i]!), rounds: rates[i]! }]));
}
