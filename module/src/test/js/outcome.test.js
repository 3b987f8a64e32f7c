// What the counter concludes from an answer (assets/outcome.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBoxProblem, keepsKey, pictureAction, restOf, STALE_SCREEN } from '../../main/webapp/assets/outcome.js';

test('a retry keeps the idempotency key only while the outcome is unknown', () => {
  assert.equal(keepsKey({ kind: 'network' }), true, 'no answer');
  assert.equal(keepsKey({ kind: 'unexpected' }), true);
  assert.equal(keepsKey({ kind: 'problem', status: 502, problem: {} }), true);
  assert.equal(keepsKey({ kind: 'problem', status: 409, problem: { code: 'REQUEST_IN_PROGRESS' } }), true);
  assert.equal(keepsKey({ kind: 'problem', status: 503, problem: { dispensationStatus: 'NOT_RECORDED' } }), false, 'final: a new request');
  assert.equal(keepsKey({ kind: 'problem', status: 422, problem: { code: 'OVER_DELIVERY' } }), false, 'refused: the body changes');
});

test('the refusals that mean the screen is out of date', () => {
  assert.deepEqual([...STALE_SCREEN].sort(), ['OVER_DELIVERY', 'PRESCRIPTION_CLOSED', 'PRESCRIPTION_EXPIRED', 'UNKNOWN_LINE']);
});

test('what remains is said for every line of the prescription, not only those just delivered', () => {
  const view = {
    lines: [
      { lineId: 'L1', product: { label: 'DOLIPRANE' }, remainingQuantity: 0 },
      { lineId: 'L2', product: { label: 'AMOXICILLINE' }, remainingQuantity: 2 },
      { lineId: 'L3', remainingQuantity: 1 },
    ],
  };
  assert.equal(restOf(view), 'Reste à délivrer — AMOXICILLINE : reste 2 boîtes · L3 : reste 1 boîte');
  assert.equal(restOf({ lines: [{ lineId: 'L1', remainingQuantity: 0 }] }), 'Ordonnance entièrement délivrée.');
});

test('an unreadable picture points to the number printed under the QR code, unless it was too large', () => {
  assert.equal(pictureAction({ kind: 'problem', problem: { code: 'SCAN_UNREADABLE' } }), 'Tapez les 18 caractères imprimés sous le QR code, puis Entrée.');
  assert.equal(pictureAction({ kind: 'problem', problem: { code: 'IMAGE_TOO_LARGE', title: 'Image trop grande.' } }), 'Recadrez la photo, ou tapez le numéro imprimé sous le QR code.');
  assert.equal(isBoxProblem({ problem: { code: 'BOX_CODE_INVALID' } }), true);
  assert.equal(isBoxProblem({ kind: 'network' }), false);
});
