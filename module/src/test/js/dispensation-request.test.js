// The dispensation request built from the form's values (assets/dispensation-request.js): what is
// sent to POST /prescriptions/{number}/dispensations, and the refusal said before sending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequest } from '../../main/webapp/assets/dispensation-request.js';

const view = {
  lines: [
    { lineId: 'L1', product: { label: 'DOLIPRANE 1000 mg' }, remainingQuantity: 2, alerts: [] },
    {
      lineId: 'L2',
      product: { label: 'AMOXICILLINE 1 g' },
      remainingQuantity: 1,
      alerts: [{ kind: 'LOT_RECALL', label: 'Lot rappelé', acknowledgement: 'Rappel lu' }],
    },
    { lineId: 'L3', product: { label: 'Bas de contention' }, remainingQuantity: 1, alerts: [] },
  ],
};

/** A line as dispense-form.js reads it; `fields` name the fields so a refusal can be checked. */
function line(index, values = {}) {
  return {
    index,
    quantity: '0',
    unknownProduct: false,
    reason: null,
    substCip13: '',
    substLabel: '',
    acknowledgements: [],
    box: {},
    fields: { quantity: `L${index + 1}.quantity`, substCip13: `L${index + 1}.substCip13`, substLabel: `L${index + 1}.substLabel` },
    ...values,
  };
}

function handwritten(values) {
  return { cip13: '', label: '', quantity: '1', fields: { cip13: 'hw.cip13', label: 'hw.label', quantity: 'hw.quantity' }, ...values };
}

const entries = (lines, hw = []) => ({ lines, handwritten: hw, emptyField: 'first-quantity' });

test('a line left at 0 without a reason is not sent: it stays to be delivered', () => {
  const { request } = buildRequest(entries([line(0, { quantity: '2' }), line(1), line(2)]), view);
  assert.deepEqual(request, {
    lines: [{ lineId: 'L1', quantity: 2, deliveredProduct: null, notDeliveredReason: null }],
    handwrittenLines: [],
    unknownProductLines: [],
    acknowledgements: [],
  });
});

test('a reason sends the line at 0, without substitute nor box, whatever quantity was typed', () => {
  const box = { lot: 'A1', expiry: '2027-01-31' };
  const { request } = buildRequest(
    entries([line(0, { quantity: '1', reason: 'RUPTURE_STOCK', substCip13: '3400935955838', substLabel: 'PARACETAMOL', box })]),
    view,
  );
  assert.deepEqual(request.lines, [{ lineId: 'L1', quantity: 0, deliveredProduct: null, notDeliveredReason: 'RUPTURE_STOCK' }]);
});

test('the box scanned on a delivered line goes with it', () => {
  const { request } = buildRequest(entries([line(0, { quantity: '1', box: { lot: 'A1', expiry: '2027-01-31', serial: 'S9' } })]), view);
  assert.deepEqual(request.lines, [{ lineId: 'L1', quantity: 1, deliveredProduct: null, notDeliveredReason: null, lot: 'A1', expiry: '2027-01-31', serial: 'S9' }]);
});

test('a quantity that is not a whole number of boxes is refused on its field', () => {
  for (const typed of ['1.5', '-1', 'deux', '12345']) {
    const { invalid } = buildRequest(entries([line(0, { quantity: typed })]), view);
    assert.equal(invalid.sentence, 'La quantité de « DOLIPRANE 1000 mg » n’est pas un nombre entier de boîtes.', typed);
    assert.equal(invalid.field, 'L1.quantity');
  }
  assert.ok(buildRequest(entries([line(0, { quantity: ' 2 ' })]), view).request, 'spaces around are fine');
});

test('a substitute needs a 13-digit CIP13 and a label, trimmed', () => {
  let { invalid } = buildRequest(entries([line(0, { quantity: '1', substCip13: '340093595583' })]), view);
  assert.equal(invalid.sentence, 'Le CIP13 de substitution de « DOLIPRANE 1000 mg » doit compter 13 chiffres.');
  assert.equal(invalid.field, 'L1.substCip13');
  ({ invalid } = buildRequest(entries([line(0, { quantity: '1', substCip13: '3400935955838', substLabel: ' ' })]), view));
  assert.equal(invalid.field, 'L1.substLabel');
  const { request } = buildRequest(entries([line(0, { quantity: '1', substCip13: ' 3400935955838 ', substLabel: ' PARACETAMOL 1 g ' })]), view);
  assert.deepEqual(request.lines[0].deliveredProduct, { cip13: '3400935955838', label: 'PARACETAMOL 1 g' });
});

test('a safety signal must be ticked before delivering, and is sent as acknowledged', () => {
  const unticked = line(1, { quantity: '1', acknowledgements: [{ kind: 'LOT_RECALL', checked: false, field: 'L2.ack' }] });
  const { invalid } = buildRequest(entries([unticked]), view);
  assert.deepEqual(invalid, {
    sentence: 'Lot rappelé sur « AMOXICILLINE 1 g » : à lire avant de délivrer.',
    action: 'Cochez « Rappel lu » sur la ligne, ou mettez 0.',
    field: 'L2.ack',
  });
  const ticked = line(1, { quantity: '1', acknowledgements: [{ kind: 'LOT_RECALL', checked: true, field: 'L2.ack' }] });
  assert.deepEqual(buildRequest(entries([ticked]), view).request.acknowledgements, [{ lineId: 'L2', kind: 'LOT_RECALL' }]);
  const notDelivered = line(1, { quantity: '0', reason: 'REFUS_PATIENT', acknowledgements: [{ kind: 'LOT_RECALL', checked: false }] });
  assert.ok(buildRequest(entries([notDelivered]), view).request, 'nothing to tick for a line not delivered');
});

test('a line of a product unknown to the base is delivered apart, and only when something is delivered', () => {
  const { request } = buildRequest(entries([line(0, { quantity: '1' }), line(2, { quantity: '1', unknownProduct: true })]), view);
  assert.deepEqual(request.unknownProductLines, [{ lineId: 'L3', quantity: 1 }]);
  assert.deepEqual(request.lines.map((l) => l.lineId), ['L1']);
  const { invalid } = buildRequest(entries([line(2, { quantity: '0', unknownProduct: true })]), view);
  assert.equal(invalid.field, 'first-quantity');
});

test('a handwritten line needs its CIP13, its label and at least one box; an empty one is ignored', () => {
  const ok = buildRequest(entries([], [handwritten({ cip13: '3400935955838', label: 'SERUM PHYSIOLOGIQUE', quantity: '2' }), handwritten({})]), view);
  assert.deepEqual(ok.request.handwrittenLines, [{ cip13: '3400935955838', label: 'SERUM PHYSIOLOGIQUE', quantity: 2 }]);
  assert.equal(buildRequest(entries([], [handwritten({ label: 'X' })]), view).invalid.field, 'hw.cip13');
  assert.equal(buildRequest(entries([], [handwritten({ cip13: '3400935955838' })]), view).invalid.field, 'hw.label');
  assert.equal(buildRequest(entries([], [handwritten({ cip13: '3400935955838', label: 'X', quantity: '0' })]), view).invalid.field, 'hw.quantity');
});

test('nothing to record is said, with the caret on the first quantity', () => {
  const { invalid } = buildRequest(entries([line(0), line(1)]), view);
  assert.deepEqual(invalid, {
    sentence: 'Rien à enregistrer : toutes les quantités sont à 0.',
    action: 'Indiquez une quantité, ou un motif de non-délivrance.',
    field: 'first-quantity',
  });
});
