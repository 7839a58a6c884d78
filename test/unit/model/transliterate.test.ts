import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mostlyCyrillic, serbianToLatin } from '../../../src/model/transliterate.js';

test('Serbian Cyrillic to Latin, letter for letter, digraphs included', () => {
  assert.equal(serbianToLatin('Сва људска бића рађају се слободна'), 'Sva ljudska bića rađaju se slobodna');
  assert.equal(serbianToLatin('Џеп, њива, Љубав, ђак, ћерка, жена, шума, чаша'), 'Džep, njiva, Ljubav, đak, ćerka, žena, šuma, čaša');
  assert.equal(serbianToLatin('already Latin 123'), 'already Latin 123');
});

test('mostlyCyrillic looks at letters only', () => {
  assert.equal(mostlyCyrillic('Београд 2024!'), true);
  assert.equal(mostlyCyrillic('Beograd Београд x'), false);
  assert.equal(mostlyCyrillic('123 ...'), false);
});
