/**
 * One function call run on a helper thread while the calling thread, which must stay synchronous
 * (training is), does other work; the caller then waits for the answer on a shared flag with
 * Atomics.wait and takes it with receiveMessageOnPort. A thread that fails, dies or is not done
 * by the deadline gives `undefined`, and the caller does the work itself: nothing is lost and
 * nothing hangs. Used for work whose answer does not depend on which thread computes it.
 */
import { MessageChannel, receiveMessageOnPort, workerData, type MessagePort, type TransferListItem } from 'node:worker_threads';
import { spawnThread } from './spawn-thread.js';

const RUNNING = 0;
const ANSWERED = 1;
const FAILED = 2;

interface CallData {
  readonly input: unknown;
  readonly port: MessagePort;
  /** One Int32: RUNNING, then ANSWERED or FAILED. */
  readonly flag: SharedArrayBuffer;
}

export interface ThreadCall<T> {
  /** The answer, or undefined if the thread failed or did not answer by `deadline` (ms since the epoch). */
  result(deadline: number): T | undefined;
}

/** Starts `entry` (a module that calls `answerCall`) on a thread with `input` (cloned). */
export function callInThread<T>(entry: URL, input: unknown): ThreadCall<T> {
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const data: CallData = { input, port: port2, flag: flag.buffer as SharedArrayBuffer };
  const worker = spawnThread(entry, data, [port2]);
  worker.unref();
  return {
    result(deadline) {
      for (;;) {
        if (Atomics.load(flag, 0) !== RUNNING) break;
        const left = deadline - Date.now();
        if (left <= 0) break;
        Atomics.wait(flag, 0, RUNNING, left);
      }
      const answer = Atomics.load(flag, 0) === ANSWERED ? receiveMessageOnPort(port1)?.message as T | undefined : undefined;
      port1.close();
      void worker.terminate();
      return answer;
    },
  };
}

/**
 * The thread side: computes `work(input)` and hands the answer back (`transfer` lists buffers of
 * it to move rather than copy). Does nothing outside a thread started by `callInThread`.
 */
export function answerCall<I, T>(work: (input: I) => { value: T; transfer?: readonly TransferListItem[] }): void {
  const data = workerData as CallData | undefined;
  if (data?.flag === undefined) return;
  const flag = new Int32Array(data.flag);
  // A thread that exits before answering (process.exit, an uncaught error) says so at once,
  // rather than leaving the caller to wait for its deadline.
  process.once('exit', () => {
    if (Atomics.compareExchange(flag, 0, RUNNING, FAILED) === RUNNING) Atomics.notify(flag, 0);
  });
  try {
    const { value, transfer } = work(data.input as I);
    data.port.postMessage(value, [...(transfer ?? [])]);
    Atomics.store(flag, 0, ANSWERED);
  } catch {
    Atomics.store(flag, 0, FAILED);
  }
  Atomics.notify(flag, 0);
  data.port.close();
}
