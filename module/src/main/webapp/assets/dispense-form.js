// Reads the dispensation form that prescription.js draws into the plain values of
// dispensation-request.js, which builds the request from them.
import { boxOf } from './box.js';
import { buildRequest } from './dispensation-request.js';
import { alertsOf } from './prescription.js';

/**
 * Reads the form into a DispensationRequest.
 * @returns {{request?: object, invalid?: {sentence: string, action: string, field: HTMLElement}}}
 */
export function collectRequest(form, view) {
  return buildRequest(readForm(form), view);
}

/** @returns {import('./dispensation-request.js').FormEntries} */
function readForm(form) {
  const lines = [];
  for (const row of form.querySelectorAll('tr.line')) {
    const qty = row.querySelector('input[name="quantity"]');
    if (!qty) continue;
    const unknownProduct = row.dataset.unknownProduct === 'true';
    const substCip13 = row.querySelector('input[name="substCip13"]');
    const substLabel = row.querySelector('input[name="substLabel"]');
    lines.push({
      index: Number(row.dataset.index),
      quantity: qty.value,
      unknownProduct,
      // a line of an unknown product has no reason to choose (it is delivered or left)
      reason: unknownProduct ? null : row.querySelector('select[name="notDeliveredReason"]').value || null,
      substCip13: substCip13?.value ?? '',
      substLabel: substLabel?.value ?? '',
      acknowledgements: [...(alertsOf(row)?.querySelectorAll('input[name="ack"]') ?? [])].map((box) => ({
        kind: box.dataset.kind,
        checked: box.checked,
        field: box,
      })),
      box: boxOf(row),
      fields: { quantity: qty, substCip13, substLabel },
    });
  }
  const handwritten = [...form.querySelectorAll('tr.handwritten-row')].map((row) => {
    const cip13 = row.querySelector('input[name="hwCip13"]');
    const label = row.querySelector('input[name="hwLabel"]');
    const quantity = row.querySelector('input[name="hwQuantity"]');
    return { cip13: cip13.value, label: label.value, quantity: quantity.value, fields: { cip13, label, quantity } };
  });
  const emptyField = form.querySelector('input[name="quantity"]') ?? form.querySelector('#add-handwritten');
  return { lines, handwritten, emptyField };
}
