import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { GlossaError } from '../../../src/errors.js';
import { loadModel } from '../../../src/index.js';
import { ParallelBatchModel } from '../../../src/model/parallel-batch.js';
import type { LanguageModel, PredictOptions } from '../../../src/model/types.js';
import { defaultModelDir } from '../../../src/registry/load.js';
import { resolveModelDir } from '../../../src/registry/index.js';

const SAMPLES = [
  'Alle Menschen sind frei und gleich an Würde und Rechten geboren.',
  'Semua orang dilahirkan merdeka dan mempunyai martabat dan hak-hak yang sama.',
  'Setiap orang berhak mendapat pendidikan percuma sekurang-kurangnya pada peringkat asas.',
  'Все люди рождаются свободными и равными в своем достоинстве и правах.',
  'Svi ljudi se rađaju slobodni i jednaki u dostojanstvu i pravima.',
  'Kaikki ihmiset syntyvät vapaina ja tasavertaisina arvoltaan ja oikeuksiltaan.',
  '모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다.',
  'كل الناس يولدون أحراراً متساوين في الكرامة والحقوق.',
  'hej', '', '   ', '12345', '🙂🙂', 'Ελληνικά κείμενα',
];
/** 2 000 texts: SAMPLES over and over, each one numbered so that no two are the same. */
const TEXTS = Array.from({ length: 2000 }, (_, i) => `${SAMPLES[i % SAMPLES.length]!}${i % 3 === 0 ? '' : ` ${i}`}`);

const models: ParallelBatchModel[] = [];
after(async () => Promise.all(models.map((m) => m.close())));

async function parallel(extra: Partial<ConstructorParameters<typeof ParallelBatchModel>[1]> = {}): Promise<{ serial: LanguageModel; shared: ParallelBatchModel }> {
  const serial = await loadModel(undefined, { threads: 1 });
  const shared = new ParallelBatchModel(serial, { modelDir: resolveModelDir(defaultModelDir()), threads: 2, warmupTexts: 0, ...extra });
  models.push(shared);
  return { serial, shared };
}

function assertSameAsPredict(serial: LanguageModel, texts: readonly string[], got: unknown[], options?: PredictOptions): void {
  assert.equal(got.length, texts.length);
  texts.forEach((t, i) => assert.deepEqual(got[i], serial.predict(t, options), `text ${i}: ${JSON.stringify(t)}`));
}

/** Calls predictBatch until `until` holds (the helper loads in the background), at most ~30 s. */
async function batchesUntil(shared: ParallelBatchModel, until: () => boolean, check: (got: unknown[]) => void): Promise<void> {
  for (let i = 0; i < 300 && !until(); i++) {
    check(shared.predictBatch(TEXTS));
    await sleep(100);
  }
  assert.ok(until(), `not reached: ${JSON.stringify(shared.stats())}`);
}

test('a batch shared with a helper thread gets exactly the answers of predict, in order', async () => {
  const { serial, shared } = await parallel();
  await batchesUntil(shared, () => shared.stats().helperChunks > 0, (got) => assertSameAsPredict(serial, TEXTS, got));
  assertSameAsPredict(serial, TEXTS, shared.predictBatch(TEXTS, { top: 5 }), { top: 5 });
  assertSameAsPredict(serial, TEXTS, shared.predictBatch(TEXTS, { top: 1000 }), { top: 1000 });
  assert.equal(shared.stats().recoveredChunks, 0);
  // A batch below the sharing size, and one with a non-string (not cloneable to a thread), stay on the caller.
  const before = shared.stats().helperChunks;
  assertSameAsPredict(serial, TEXTS.slice(0, 10), shared.predictBatch(TEXTS.slice(0, 10)));
  const odd = [...TEXTS.slice(0, 200), (() => 'x') as unknown as string];
  const got = shared.predictBatch(odd);
  assert.deepEqual(got[200], { language: 'und', confidence: 0, top: [] });
  assertSameAsPredict(serial, TEXTS.slice(0, 200), got.slice(0, 200));
  assert.equal(shared.stats().helperChunks, before);
});

test('chunks a stalled helper claimed are predicted by the caller after the timeout', async () => {
  const entry = new URL('./helpers/stalling-batch-thread.ts', import.meta.url);
  const { serial, shared } = await parallel({ entry, helperTimeoutMs: 200 });
  await batchesUntil(shared, () => shared.stats().recoveredChunks > 0, (got) => assertSameAsPredict(serial, TEXTS, got));
  assert.equal(shared.stats().helperChunks, 0);
});

// The timeout is 10 minutes: the test's limit fails it if the caller waits for it.
test('a helper that exits mid-batch wakes the caller, which predicts its chunks at once', { timeout: 60_000 }, async () => {
  const entry = new URL('./helpers/stalling-batch-thread.ts', import.meta.url);
  const { serial, shared } = await parallel({ entry, helperTimeoutMs: 600_000, modelDir: `${resolveModelDir(defaultModelDir())}#exit` });
  await batchesUntil(shared, () => shared.stats().recoveredChunks > 0, (got) => assertSameAsPredict(serial, TEXTS, got));
  assert.equal(shared.stats().helperChunks, 0);
  // Each batch starts a new helper, which fails again; after three failures no more are started.
  await batchesUntil(shared, () => shared.stats().failures >= 3, (got) => assertSameAsPredict(serial, TEXTS, got));
  for (let i = 0; i < 5; i++) {
    assertSameAsPredict(serial, TEXTS, shared.predictBatch(TEXTS));
    await sleep(50);
  }
  assert.equal(shared.stats().failures, 3);
});

test('a helper that cannot load the model leaves the caller working alone', async () => {
  const serial = await loadModel(undefined, { threads: 1 });
  const shared = new ParallelBatchModel(serial, { modelDir: '/nonexistent/glossa-model', threads: 2, warmupTexts: 0 });
  models.push(shared);
  // Each big batch starts a helper, which fails to load; after three, none are started.
  for (let i = 0; i < 30 && shared.stats().failures < 3; i++) {
    assertSameAsPredict(serial, TEXTS, shared.predictBatch(TEXTS));
    await sleep(100);
  }
  for (let i = 0; i < 5; i++) {
    assertSameAsPredict(serial, TEXTS, shared.predictBatch(TEXTS));
    await sleep(100);
  }
  assert.deepEqual(shared.stats(), { helpersReady: 0, helperChunks: 0, recoveredChunks: 0, failures: 3 });
});

test('loadModel: threads must be a whole number ≥ 1; 1 gives the one-thread model', async () => {
  for (const threads of [0, -1, 1.5, Number.NaN]) {
    await assert.rejects(loadModel(undefined, { threads }), (e: unknown) => e instanceof GlossaError && e.code === 'USAGE' && /threads/.test(e.message));
  }
  assert.ok(!((await loadModel(undefined, { threads: 1 })) instanceof ParallelBatchModel));
  assert.ok((await loadModel(undefined, { threads: 2 })) instanceof ParallelBatchModel);
});
