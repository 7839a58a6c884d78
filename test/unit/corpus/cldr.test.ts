import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cldrLabel, cldrPieces, cldrSource } from '../../../src/corpus/sources/cldr.js';
import { resolveSources } from '../../../src/corpus/sources/index.js';
import { readSourceDocuments } from './fixtures.js';

// Shaped like CLDR 41's common/main/ms.xml, cut down (the real file has ~9 000 lines).
const MAIN_MS = `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE ldml SYSTEM "../../common/dtd/ldml.dtd">
<!-- Copyright © 1991-2022 Unicode, Inc. -->
<ldml>
	<identity>
		<version number="$Revision$"/>
		<language type="ms"/>
	</identity>
	<localeDisplayNames>
		<languages>
			<language type="id">Indonesia</language>
			<language type="ms">Melayu</language>
			<language type="nb" alt="short">Bokmål</language>
		</languages>
		<codePatterns>
			<codePattern type="language">Bahasa: {0}</codePattern>
		</codePatterns>
	</localeDisplayNames>
	<layout><orientation><characterOrder>left-to-right</characterOrder></orientation></layout>
	<characters><exemplarCharacters>[a b c d e f g]</exemplarCharacters></characters>
	<dates>
		<calendars>
			<calendar type="buddhist"><eras><eraAbbr><era type="0">BE</era></eraAbbr></eras></calendar>
			<calendar type="gregorian">
				<months><monthContext type="format">
					<monthWidth type="narrow"><month type="1">J</month></monthWidth>
					<monthWidth type="wide"><month type="1">Januari</month><month type="7">Julai</month></monthWidth>
				</monthContext></months>
				<days><dayContext type="format"><dayWidth type="wide"><day type="mon">Isnin</day><day type="thu">Khamis</day></dayWidth></dayContext></days>
				<dateFormats><dateFormatLength type="full"><dateFormat><pattern>EEEE, d MMMM y</pattern></dateFormat></dateFormatLength></dateFormats>
			</calendar>
		</calendars>
		<fields><field type="day"><relative type="1">esok</relative></field></fields>
	</dates>
	<numbers>
		<symbols numberSystem="latn"><decimal>.</decimal><percentSign>%</percentSign></symbols>
		<currencies><currency type="MYR"><displayName>Ringgit Malaysia</displayName><symbol>RM</symbol></currency></currencies>
	</numbers>
	<units><unitLength type="long"><unit type="duration-day"><gender>feminine</gender><displayName>hari</displayName><unitPattern count="other">{0} hari</unitPattern></unit></unitLength></units>
</ldml>
`;

const ANNOTATIONS_MS = `<?xml version="1.0" encoding="UTF-8" ?>
<ldml>
	<annotations>
		<annotation cp="👋">lambai | lambaian tangan | tangan</annotation>
		<annotation cp="👋" type="tts">tangan melambai</annotation>
		<annotation cp="&amp;">ampersan | dan</annotation>
	</annotations>
</ldml>
`;

test('the words of a CLDR file, by section: names, Gregorian month and day names, relative days, currencies, units, emoji keywords', () => {
  const main = cldrPieces(MAIN_MS);
  assert.deepEqual(main.get('localeDisplayNames'), ['Indonesia', 'Melayu', 'Bahasa:']);
  assert.deepEqual(main.get('dates'), ['Januari', 'Julai', 'Isnin', 'Khamis', 'esok']);
  assert.deepEqual(main.get('units'), ['hari']);
  assert.deepEqual(main.get('other'), ['Ringgit Malaysia']);
  assert.equal(main.get('annotations'), undefined);
  assert.deepEqual(cldrPieces(ANNOTATIONS_MS).get('annotations'), ['lambai', 'lambaian tangan', 'tangan', 'tangan melambai', 'ampersan', 'dan']);
});

test('what is not words is skipped: identity, layout, exemplar characters, patterns, symbols, narrow forms, alternatives, other calendars, unit genders', () => {
  const all = [...cldrPieces(MAIN_MS).values()].flat();
  for (const absent of ['ms', 'left-to-right', '[a b c d e f g]', 'EEEE, d MMMM y', 'J', 'Bokmål', 'BE', 'RM', '.', '%', 'feminine', '{0} hari']) {
    assert.ok(!all.includes(absent), absent);
  }
});

test('file names: base files and Serbian Latin map to labels; regional files, other scripts and other languages do not', () => {
  assert.equal(cldrLabel('ms.xml'), 'ms');
  assert.equal(cldrLabel('id.xml'), 'id');
  assert.equal(cldrLabel('en.xml'), 'en');
  assert.equal(cldrLabel('sr.xml'), 'sr');
  assert.equal(cldrLabel('sr_Latn.xml'), 'sr');
  assert.equal(cldrLabel('no.xml'), 'nb');
  for (const other of ['ms_MY.xml', 'ms_Arab.xml', 'kk_Arab.xml', 'en_GB.xml', 'bs.xml', 'bs_Latn.xml', 'root.xml', 'sr_Latn_BA.xml', 'ms.txt']) {
    assert.equal(cldrLabel(other), undefined, other);
  }
});

test('the source reads main and annotations files, one document per section shared by every locale', async () => {
  const root = await mkdtemp(join(tmpdir(), 'glossa-cldr-'));
  try {
    const base = join(root, 'usr/share/unicode/cldr/common');
    await mkdir(join(base, 'main'), { recursive: true });
    await mkdir(join(base, 'annotations'), { recursive: true });
    await writeFile(join(base, 'main/ms.xml'), MAIN_MS);
    await writeFile(join(base, 'main/ms_MY.xml'), MAIN_MS);
    await writeFile(join(base, 'main/id.xml'), '<ldml><dates><fields><field type="day"><relative type="1">besok</relative></field></fields></dates></ldml>');
    await writeFile(join(base, 'annotations/ms.xml'), ANNOTATIONS_MS);
    const docs = await readSourceDocuments(cldrSource, root);
    const seen = docs.map((d) => `${d.label} ${d.doc} ${d.kind} ${d.pieces.length}`).sort();
    assert.deepEqual(seen, [
      'id cldr:dates ui 1',
      'ms cldr:annotations ui 6',
      'ms cldr:dates ui 5',
      'ms cldr:localeDisplayNames ui 3',
      'ms cldr:other ui 1',
      'ms cldr:units ui 1',
    ]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('debian-cldr is built only when named: not in the default corpus or a group, and named in the unknown-source error', () => {
  const online = { fetch: globalThis.fetch, articlesPerLanguage: 1 };
  const names = (list?: string[]): string[] => resolveSources(list, online).map((s) => s.name);
  assert.ok(!names().includes('debian-cldr'));
  assert.ok(!names(['debian']).includes('debian-cldr'));
  const withCldr = names(['all', 'debian-cldr']);
  assert.equal(withCldr.at(-1), 'debian-cldr');
  assert.equal(withCldr.length, names().length + 1);
  assert.deepEqual(names(['debian-cldr']), ['debian-cldr']);
  assert.throws(() => names(['debian-cldrr']), /unknown corpus source "debian-cldrr"; known: .*debian-cldr/);
});
