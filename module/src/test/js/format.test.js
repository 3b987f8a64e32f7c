// The French wording of the API's values (assets/format.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  boxes,
  boxesOf,
  delivered,
  frenchDate,
  frenchDateTime,
  maskedIns,
  of,
  personName,
  reasonWords,
  roleWords,
  statusWords,
} from '../../main/webapp/assets/format.js';

test('a date is written day/month/year without going through a time zone', () => {
  assert.equal(frenchDate('2026-11-12'), '12/11/2026');
  assert.equal(frenchDate('2026-01-01T00:30:00+01:00'), '01/01/2026');
  assert.equal(frenchDate(null), '—');
  assert.equal(frenchDate('12/11/2026'), '—');
});

test('a date and time is written in the pharmacy time zone (Europe/Paris)', () => {
  assert.equal(frenchDateTime('2026-07-01T12:03:00Z'), '01/07/2026 14:03');
  assert.equal(frenchDateTime('2026-12-01T12:03:00Z'), '01/12/2026 13:03');
  assert.equal(frenchDateTime(undefined), '—');
});

test('the INS shows only its last 4 characters', () => {
  assert.equal(maskedIns('2 75 12 63 220 749 74'), '•••••••••••4974');
  assert.equal(maskedIns('9774'), '9774');
  assert.equal(maskedIns(null), '');
});

test('boxes agree in number: singular below 2, as French does', () => {
  assert.equal(boxes(0), '0 boîte');
  assert.equal(boxes(1), '1 boîte');
  assert.equal(boxes(2), '2 boîtes');
  assert.equal(delivered(1), '1 boîte délivrée');
  assert.equal(delivered(3), '3 boîtes délivrées');
});

test('"de" elides before a vowel or a mute h, accents included', () => {
  assert.equal(of('DOLIPRANE'), 'de DOLIPRANE');
  assert.equal(of('AMOXICILLINE'), 'd’AMOXICILLINE');
  assert.equal(of('ÉFFERALGAN'), 'd’ÉFFERALGAN');
  assert.equal(of('hexomédine'), 'd’hexomédine');
  assert.equal(of('  '), 'de ce produit');
  assert.equal(boxesOf(2, 'DOLIPRANE'), '2 boîtes de DOLIPRANE');
});

test('names and codes are shown as words, never as raw codes', () => {
  assert.equal(personName('Claire', 'Martin'), 'Claire MARTIN');
  assert.equal(personName(null, 'Martin'), 'MARTIN');
  assert.equal(statusWords('PARTIAL'), 'Partiellement délivrée');
  assert.equal(statusWords('SOMETHING_NEW'), 'État non reconnu');
  assert.equal(reasonWords('RUPTURE_STOCK'), 'Rupture de stock / produit indisponible');
  assert.equal(reasonWords('NOT_A_REASON'), 'Autre motif');
  assert.equal(roleWords('ADJOINT'), 'adjoint');
  assert.equal(roleWords(undefined), 'professionnel');
});
