import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SampleCollector } from '../../../src/corpus/pipeline.js';
import { resolveSources } from '../../../src/corpus/sources/index.js';
import { WIDELANDS_LOCALE_DIR, gameMessageParagraphs, isProseMessage, proseMessages, widelandsSource } from '../../../src/corpus/sources/games.js';
import { fixtureBytes, fixturePath, readSourceDocuments } from './fixtures.js';

function clean(label: string, pieces: string[]): string[] {
  const c = new SampleCollector();
  c.add('debian-wesnoth', { label, doc: 'wesnoth:test', kind: 'prose', pieces });
  return c.finish().map((s) => s.text);
}

test('a real Serbian Latin Wesnoth excerpt: story and help prose kept, markup, variables, labels and untranslated leftovers gone', () => {
  const { english, translated } = proseMessages(fixtureBytes('wesnoth-sr-latin-sample.mo'));
  assert.deepEqual(clean('sr', translated).sort(), [
    '...i lični poverenik svoga kralja i prijatelja, Gararda Drugog, kojeg ti tako prljavo izdade...',
    'Nekoliko jedinica ima posebne sposobnosti koje utiču na štetu nanesenu u borbi. Najčešća je juriš, koji pri takvom napadu udvostručava oštećenje koje nanosi napadač, ali i ono koje nanosi branilac.',
    'Šta si mi radio? Ne videh te već godinama.',
  ]);
  // "female^Princess" is a label (under 4 words); the untranslated line is in English only.
  assert.ok(!translated.some((t) => /princeza|orcs/.test(t)));
  assert.equal(english.length, 4);
  assert.ok(english.includes('... and that the orcs do not follow.'));
  assert.ok(english.some((t) => t.startsWith('A few units have special abilities which affect damage')));
});

test('a real French Freeciv nation legend is kept as sentences; plural labels and short formats are not', () => {
  const { english, translated } = proseMessages(fixtureBytes('freeciv-fr-sample.mo'));
  const samples = clean('fr', translated);
  // Over 300 characters: split into its five sentences.
  assert.equal(samples.length, 5);
  assert.equal(samples[0], 'Bélize est le plus petit pays d\'Amérique Centrale.');
  assert.equal(samples[3], 'Elle est un pays indépendant depuis 1981.');
  assert.ok(!samples.some((s) => /Aborigènes|Émira/.test(s)));
  assert.equal(english.length, 1);
});

test('game markup: help tags give their text, images and jumps vanish, Pango tags and contexts are stripped', () => {
  assert.deepEqual(gameMessageParagraphs("<header>text='Damage'</header>\nThe <bold>text='first'</bold> strike<img>src=icons/a.png</img><jump>to=350</jump>."), ['Damage', "The first strike ."]);
  assert.deepEqual(gameMessageParagraphs("<span color='#f00'>Hurry</span>, $unit.name|! Go to $units[0].name now"), ['Hurry , ! Go to now']);
  assert.deepEqual(gameMessageParagraphs('female^Wise old mage\n* Builds elite units\n\n- Each city rests'), ['Wise old mage', 'Builds elite units', 'Each city rests']);
  assert.deepEqual(gameMessageParagraphs('?nationality:Roman legions march on'), ['Roman legions march on']);
});

test('prose messages need four words in the msgid and are not comma-separated name lists', () => {
  assert.equal(isProseMessage('female^Princess'), false);
  assert.equal(isProseMessage('$name| runs away'), false);
  assert.equal(isProseMessage('Be careful, Konrad! Guard him well, Delfador!'), true);
  assert.equal(isProseMessage('Addas, Alvar, Baran, Bradan, Dalor, Fereth, Hokan, Irin'), false);
});

test('a real Malay Widelands excerpt: scenario story, tips and encyclopaedia kept; placeholders, labels and leftovers gone', () => {
  const { english, translated } = proseMessages(fixtureBytes('widelands-ms-sample.mo'));
  assert.deepEqual(clean('ms', translated).sort(), [
    'Oleh kerana jalan anda semakin panjang dan ekonomi anda semakin membesar, anda patut guna lembu jantan anda untuk membantu mengangkut barangan dengan lebih pantas.',
    'Rumah penebang pokok memerlukan pokok ditumbangkan dalam jangkauan kawasan kerja.',
    'Tekan kekunci untuk menyimpan lokasi penting, kemudian tekan untuk memanggilnya semula.',
  ]);
  // Three-word titles and labels are skipped; the untranslated tip is English in both.
  assert.ok(!translated.some((t) => /Sejuk|roti|MacOS/.test(t)));
  assert.equal(english.length, 4);
  assert.ok(english.some((t) => t.startsWith('On MacOS, you can find')));
});

test('debian-widelands reads every catalogue under the game\'s locale folder, one document per catalogue', async () => {
  const root = await mkdtemp(join(tmpdir(), 'glossa-widelands-'));
  try {
    const locale = join(root, WIDELANDS_LOCALE_DIR);
    for (const [code, domain] of [['ms', 'scenario_bar02.wmf'], ['ms', 'texts'], ['sr_RS', 'texts'], ['zh_CN', 'texts']]) {
      await mkdir(join(locale, code!, 'LC_MESSAGES'), { recursive: true });
      await copyFile(fixturePath('widelands-ms-sample.mo'), join(locale, code!, 'LC_MESSAGES', `${domain}.mo`));
    }
    await writeFile(join(locale, 'ms', 'LC_MESSAGES', 'broken.mo'), Buffer.from('not a catalogue'));
    const messages: string[] = [];
    const docs = await readSourceDocuments(widelandsSource, root, (m) => messages.push(m));
    const got = docs.map((d) => `${d.label} ${d.doc}`).sort();
    // zh_CN is not one of our languages; sr_RS is Serbian; English once per catalogue.
    assert.deepEqual(got, [
      'en widelands:scenario_bar02.wmf',
      'en widelands:texts',
      'ms widelands:scenario_bar02.wmf',
      'ms widelands:texts',
      'sr widelands:texts',
    ]);
    assert.ok(docs.every((d) => d.kind === 'prose'));
    assert.ok(messages.some((m) => m.includes('broken.mo')), messages.join('\n'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('debian-widelands is in the default corpus, after the sources it may share texts with', () => {
  const names = resolveSources(undefined, { fetch: globalThis.fetch, articlesPerLanguage: 1 }).map((s) => s.name);
  assert.ok(names.includes('debian-widelands'));
  // Earlier sources win duplicates: adding it last leaves every other source's file unchanged.
  assert.equal(names.at(-1), 'debian-widelands');
});
