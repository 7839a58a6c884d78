/**
 * The web UI in a real browser (Debian's Chromium through playwright-core) against the real
 * embedded app started here (`glossa start`: API, UI, workers, embedded queue, SQLite).
 *
 * Chromium missing: the suite fails when CI=true (CI installs it), and is skipped with a message
 * otherwise. Screenshots of the main states go to test-results/ui-*.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { repoRoot, startApp } from './app-process.js';
import type { RunningApp } from './app-process.js';

const CHROMIUM = process.env.GLOSSA_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
const inCi = process.env.CI === 'true';
const shots = join(repoRoot, 'test-results');

const SWEDISH = 'Det var en gång en liten flicka som bodde i en stuga vid skogens kant. Varje morgon gick hon ner till sjön för att hämta vatten, och på vägen hälsade hon på fåglarna som sjöng i träden. Hennes mormor brukade säga att man aldrig ska glömma att vara tacksam för det lilla.';
const ARABIC = 'كان هناك في قديم الزمان رجل يعيش في قرية صغيرة بالقرب من النهر. وكان يذهب كل صباح إلى السوق ليبيع الخبز والفاكهة، ويتحدث مع جيرانه عن الطقس والأخبار. وفي المساء كان يجلس مع أولاده ويحكي لهم القصص.';
const MALAY = 'Tiada sesiapa pun boleh masuk ke dalam bilik itu kerana pintunya telah dikunci oleh pengawal keselamatan.';
const GERMAN = 'Gestern Abend sind wir noch lange im Garten gesessen und haben über die alten Zeiten gesprochen. Die Kinder haben im Gras gespielt, bis es dunkel wurde, und danach gab es für alle noch ein Stück Kuchen.';

const missing = existsSync(CHROMIUM)
  ? undefined
  : `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set GLOSSA_CHROMIUM`;

if (missing !== undefined && inCi) {
  test('web UI browser tests need Chromium', () => {
    assert.fail(`${missing} (CI=true: the browser tests are required)`);
  });
} else {
  if (missing !== undefined) console.warn(`SKIPPED web UI browser tests: ${missing}.`);
  describe('web UI in a real browser', { skip: missing ?? false }, () => {
    let app: RunningApp;
    let browser: Browser;
    let page: Page;

    before(async () => {
      // Always test the current sources: esbuild takes well under a second.
      execFileSync(process.execPath, [join(repoRoot, 'web', 'build.mjs')], { cwd: repoRoot, stdio: 'pipe' });
      mkdirSync(shots, { recursive: true });
      app = await startApp();
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      await page.goto(app.baseUrl);
      await page.locator('#status [data-stat="workers"]').waitFor();
    }, { timeout: 180_000 });

    after(async () => {
      await browser?.close();
      await app?.stop();
    });

    const shot = (name: string, fullPage = true): Promise<Buffer> =>
      page.screenshot({ path: join(shots, `ui-${name}.png`), fullPage });

    async function ask(text: string): Promise<void> {
      await page.locator('#text').fill(text);
      await page.locator('#text').press('Control+Enter');
    }

    const result = (): ReturnType<Page['locator']> => page.locator('#result article');
    const title = (): ReturnType<Page['locator']> => page.locator('#result-title');

    async function adminWorkers(action: 'pause' | 'resume'): Promise<void> {
      const res = await fetch(`${app.baseUrl}/api/v1/admin/workers/${action}`, {
        method: 'POST', headers: { authorization: `Bearer ${app.adminToken}` },
      });
      assert.equal(res.status, 204, `${action} workers answered ${res.status}: ${await res.text()}`);
    }

    test('an empty submit says plainly what to do, and sends nothing', async () => {
      let posted = 0;
      const count = (r: { method(): string }): void => { if (r.method() === 'POST') posted += 1; };
      page.on('request', count);
      await page.locator('#text').fill('   \n  ');
      await page.locator('#submit').click();
      const message = page.locator('#message');
      await message.waitFor({ state: 'visible' });
      assert.match(await message.innerText(), /type or paste some text/i);
      assert.equal(await page.locator('#message').getAttribute('role'), 'alert');
      assert.equal(await result().count(), 0);
      page.off('request', count);
      assert.equal(posted, 0);
      await shot('empty');
    });

    test('text over the limit is refused with the count and the limit', async () => {
      await page.locator('#text').fill('a'.repeat(100_001));
      assert.match(await page.locator('#counter').innerText(), /100[\s,.\u202f\u00a0]?001 \/ 100[\s,.\u202f\u00a0]?000/);
      await page.locator('#submit').click();
      assert.match(await page.locator('#message').innerText(), /too long/i);
    });

    test('a Swedish paragraph → queued with a tracking id, then "Swedish — Svenska" pushed over SSE', async () => {
      await ask(SWEDISH);
      await result().and(page.locator('[data-status="done"]')).waitFor({ timeout: 30_000 });
      assert.equal((await title().innerText()).trim(), 'Swedish — Svenska');
      assert.equal(await result().getAttribute('data-language'), 'sv');
      assert.equal(await result().getAttribute('data-via'), 'sse', 'the result should be pushed, not polled');
      assert.match(await result().locator('.tracking-id').innerText(), /\S{6,}/);
      const pct = Number(await result().locator('[role="meter"]').getAttribute('aria-valuenow'));
      assert.ok(pct > 0 && pct <= 100, `confidence bar at ${pct}`);
      assert.equal(await result().locator('.candidates li').count(), 2);
      assert.match(await result().locator('.meta').innerText(), /answered in \d/);
      await shot('swedish');

      await result().getByRole('button', { name: 'Why?' }).click();
      await page.locator('#explain-panel .ngrams li').first().waitFor({ timeout: 15_000 });
      assert.ok(await page.locator('#explain-panel mark').count() > 0, 'some n-grams are highlighted in the text');
      assert.equal(await result().getByRole('button', { name: 'Why?' }).getAttribute('aria-expanded'), 'true');
      await shot('swedish-why');

      const recent = page.locator('#recent .recent-item').first();
      assert.match(await recent.innerText(), /Swedish — Svenska/);
    });

    test('a Malay sentence → "Malay — Bahasa Melayu"; "Why?" names the words Indonesian never uses', async () => {
      await ask(MALAY);
      await page.locator('#result article[data-language="ms"]').waitFor({ timeout: 30_000 });
      await result().getByRole('button', { name: 'Why?' }).click();
      await page.locator('#explain-panel .markers').waitFor({ timeout: 15_000 });
      const markers = await page.locator('#explain-panel .markers').innerText();
      assert.match(markers, /sesiapa \(Malay\)/);
      assert.match(markers, /kerana \(Malay\)/);
    });

    test('an Arabic paragraph → "Arabic — العربية", displayed right to left', async () => {
      await ask(ARABIC);
      await page.locator('#result article[data-language="ar"]').waitFor({ timeout: 30_000 });
      assert.equal((await title().innerText()).trim(), 'Arabic — العربية');
      const native = title().locator('.lang-native');
      assert.equal(await native.innerText(), 'العربية');
      assert.equal(await native.evaluate((el) => getComputedStyle(el).direction), 'rtl');
      assert.equal(await page.locator('#text').evaluate((el) => getComputedStyle(el).direction), 'rtl');
      await shot('arabic');
      await page.setViewportSize({ width: 375, height: 800 });
      await shot('arabic-phone');
      await page.setViewportSize({ width: 1000, height: 900 });
    });

    test('the not-language sample → "undetermined" explained in plain words', async () => {
      await page.locator('#samples [data-sample="und"]').click();
      await page.locator('#result article[data-language="und"]').waitFor({ timeout: 30_000 });
      assert.match(await title().innerText(), /can.t tell which language/i);
      assert.match(await result().innerText(), /too short or does not look like language/);
      assert.equal(await result().getByRole('button', { name: 'Why?' }).count(), 0);
      assert.match(await page.locator('#recent .recent-item').first().innerText(), /^Undetermined\b/);
    });

    test('"Wrong language?" → pick from the searchable list → the feedback row is in the database', async () => {
      await ask(GERMAN);
      await page.locator('#result article[data-status="done"]').waitFor({ timeout: 30_000 });
      const id = (await result().locator('.tracking-id').innerText()).trim();
      await result().getByRole('button', { name: 'Wrong language?' }).click();
      const search = page.getByRole('searchbox');
      await search.fill('norw');
      assert.equal(await page.locator('.picker-choice').count(), 1);
      await shot('picker');
      await search.press('Enter');
      const confirmation = page.locator('#feedback-panel [data-feedback="nb"]');
      await confirmation.waitFor({ timeout: 15_000 });
      assert.match(await confirmation.innerText(), /recorded/i);
      await shot('feedback');

      const db = new Database(app.databaseFile(), { readonly: true, fileMustExist: true });
      try {
        const rows = db.prepare('SELECT language FROM feedback WHERE prediction_id = ?').all(id) as Array<{ language: string }>;
        assert.deepEqual(rows.map((r) => r.language), ['nb']);
      } finally {
        db.close();
      }
    });

    test('keyboard only: submit, open "Why?", report a language, all without the mouse', async () => {
      const focused = (): Promise<string> => page.evaluate(() => {
        const el = document.activeElement;
        return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${(el.textContent ?? '').trim().slice(0, 30)}` : 'none';
      });
      await page.locator('#text').focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(GERMAN);
      await page.keyboard.press('Control+Enter');
      await page.locator('#result article[data-status="done"]').waitFor({ timeout: 30_000 });
      await page.keyboard.press('Tab');
      assert.match(await focused(), /^button#submit/);
      await page.keyboard.press('Tab');
      assert.match(await focused(), /^button Why\?/);
      await page.keyboard.press('Enter');
      await page.locator('#explain-panel .ngrams li').first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Tab');
      assert.match(await focused(), /^button Wrong language\?/);
      await page.keyboard.press('Enter');
      assert.match(await focused(), /^input#picker-\d+-q/);
      await page.keyboard.press('Escape');
      assert.match(await focused(), /^button Wrong language\?/, 'Escape closes the picker and returns focus');
      await page.keyboard.press('Enter');
      await page.keyboard.type('dansk');
      await page.keyboard.press('ArrowDown');
      assert.match(await focused(), /^button Danish/);
      await page.keyboard.press('Enter');
      await page.locator('#feedback-panel [data-feedback="da"]').waitFor({ timeout: 15_000 });
    });

    test('workers stopped → the page shows the request still queued; restarted → the result arrives without reload', async () => {
      await page.evaluate(() => { (window as unknown as { noReload: string }).noReload = 'same page'; });
      await adminWorkers('pause');
      let resumed = false;
      try {
        await ask(SWEDISH.split('. ').slice(1).join('. '));
        const queued = page.locator('#result article[data-status="queued"]');
        await queued.waitFor({ timeout: 15_000 });
        const id = (await queued.locator('.tracking-id').innerText()).trim();
        // Long enough for any worker that was still running to have answered.
        await page.waitForTimeout(3000);
        assert.equal(await queued.count(), 1, 'still queued on the page');
        const row = await (await fetch(`${app.baseUrl}/api/v1/predictions/${id}`)).json() as { status: string };
        assert.equal(row.status, 'queued', 'still queued on the server');
        await shot('queued');

        await adminWorkers('resume');
        resumed = true;
        await page.locator('#result article[data-status="done"]').waitFor({ timeout: 30_000 });
        assert.equal((await title().innerText()).trim(), 'Swedish — Svenska');
        assert.equal((await result().locator('.tracking-id').innerText()).trim(), id);
        assert.equal(await page.evaluate(() => (window as unknown as { noReload?: string }).noReload), 'same page', 'the page was not reloaded');
      } finally {
        if (!resumed) await adminWorkers('resume');
      }
    });

    test('SSE unavailable → the result still arrives, by polling', async () => {
      await page.route('**/api/v1/predictions/*/events', (route) => route.abort('connectionrefused'));
      try {
        await ask(GERMAN);
        await page.locator('#result article[data-status="done"]').waitFor({ timeout: 30_000 });
        assert.equal(await result().getAttribute('data-via'), 'poll');
        assert.equal((await title().innerText()).trim(), 'German — Deutsch');
      } finally {
        await page.unrouteAll();
      }
    });

    test('queue full (503 + Retry-After) → "busy, retrying in N s", then the answer arrives by itself', async () => {
      let refused = 0;
      await page.route('**/api/v1/predictions', async (route) => {
        if (route.request().method() === 'POST' && refused === 0) {
          refused += 1;
          await route.fulfill({ status: 503, headers: { 'retry-after': '2', 'content-type': 'application/json' },
            body: JSON.stringify({ error: { code: 'QUEUE_FULL', message: 'the queue is full' } }) });
        } else {
          await route.continue();
        }
      });
      try {
        await ask(GERMAN);
        const message = page.locator('#message');
        await message.locator('[data-retry-in]').waitFor({ timeout: 10_000 });
        assert.match(await message.innerText(), /busy.*Retrying in [12] s/s);
        await shot('busy');
        await page.locator('#result article[data-status="done"]').waitFor({ timeout: 30_000 });
        assert.equal(refused, 1);
        assert.equal(await message.isHidden(), true);
      } finally {
        await page.unrouteAll();
      }
    });

    test('API unreachable → a clear message with a retry countdown, never a silent failure', async () => {
      await page.route('**/api/v1/predictions', (route) => route.abort('connectionrefused'));
      try {
        await ask(GERMAN);
        const message = page.locator('#message');
        await message.locator('[data-retry-in]').waitFor({ timeout: 10_000 });
        assert.match(await message.innerText(), /cannot reach the Glossa server/i);
        await shot('api-down');
        await message.getByRole('button', { name: 'Cancel' }).click();
        assert.match(await message.innerText(), /cancelled/i);
      } finally {
        await page.unrouteAll();
      }
    });
  });
}
