/**
 * Progress of a long job made of phases (training: features → train → calibrate), on stderr.
 *
 * On a terminal it is a progress bar (cli-progress). Elsewhere — a log file, CI, `nohup` — a bar
 * prints nothing useful, and its timer-driven redraws never run while a synchronous job holds the
 * event loop, so one line is written when a phase starts, at most every `everyMs` while it runs,
 * and when it ends (with its duration), e.g. `train: 45% (4102000/9118472), 61 s`.
 */
import { Presets, SingleBar } from 'cli-progress';

export interface PhaseProgress {
  update(phase: string, done: number, total: number): void;
  /** Ends the current phase (if any). */
  stop(): void;
}

export interface PhaseProgressOptions {
  readonly stream?: NodeJS.WriteStream;
  /** Minimum time between two lines of one phase when the stream is not a terminal. */
  readonly everyMs?: number;
  readonly now?: () => number;
}

export function phaseProgress(options: PhaseProgressOptions = {}): PhaseProgress {
  const stream = options.stream ?? process.stderr;
  return stream.isTTY ? barProgress(stream) : lineProgress(stream, options.everyMs ?? 10_000, options.now ?? Date.now);
}

function barProgress(stream: NodeJS.WriteStream): PhaseProgress {
  const bar = new SingleBar({ format: ' {phase} [{bar}] {percentage}% | {value}/{total}', stream, hideCursor: true }, Presets.shades_classic);
  let phase: string | undefined;
  return {
    update(p, done, total) {
      if (p !== phase) {
        if (phase !== undefined) bar.stop();
        phase = p;
        bar.start(total, done, { phase: p.padEnd(9) });
      } else {
        bar.update(done);
      }
    },
    stop() {
      if (phase !== undefined) bar.stop();
      phase = undefined;
    },
  };
}

function lineProgress(stream: NodeJS.WritableStream, everyMs: number, now: () => number): PhaseProgress {
  let phase: string | undefined;
  let started = 0;
  let lastLine = 0;
  let last = { done: 0, total: 0 };
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const end = (): void => {
    if (phase === undefined) return;
    stream.write(`${phase}: done (${last.total}) in ${seconds(now() - started)}\n`);
    phase = undefined;
  };
  return {
    update(p, done, total) {
      const t = now();
      if (p !== phase) {
        end();
        last = { done, total };
        phase = p;
        started = t;
        lastLine = t;
        stream.write(`${p}: started (${total})\n`);
        return;
      }
      last = { done, total };
      if (t - lastLine >= everyMs) {
        lastLine = t;
        const pct = total > 0 ? Math.floor((100 * done) / total) : 0;
        stream.write(`${p}: ${pct}% (${done}/${total}), ${seconds(t - started)}\n`);
      }
    },
    stop: end,
  };
}
