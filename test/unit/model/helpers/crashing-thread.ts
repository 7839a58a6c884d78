/** A faulty helper for the thread tests: it dies while working, without ever answering. */
import { answerCall } from '../../../../src/model/sync-thread.js';

answerCall(() => process.exit(4));
