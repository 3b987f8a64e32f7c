// Small pure rules of the counter page: the birth date typed for INSi, the age of a health light,
// and what a prescription still allows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoBirthDate } from '../../main/webapp/assets/identity.js';
import { age } from '../../main/webapp/assets/health.js';
import { isOpen, remains } from '../../main/webapp/assets/prescription.js';
import { changesPrescription } from '../../main/webapp/assets/dispensation-request.js';

test('a birth date typed as on the identity document becomes an ISO date, or null', () => {
  for (const typed of ['31/12/1975', '31.12.1975', '31-12-1975', '31 12 1975', '31121975', ' 31/12/1975 ']) {
    assert.equal(isoBirthDate(typed), '1975-12-31', typed);
  }
  assert.equal(isoBirthDate('1/2/2003'), '2003-02-01');
  assert.equal(isoBirthDate('29/02/2024'), '2024-02-29');
  for (const typed of ['29/02/2023', '31/04/2000', '00/01/2000', '12/13/2000', '1975-12-31', '', null, '3112197']) {
    assert.equal(isoBirthDate(typed), null, String(typed));
  }
});

test('the age of a light reads in seconds, minutes, then hours', () => {
  assert.equal(age(null), '');
  assert.equal(age(45), '45 s');
  assert.equal(age(180), '3 min');
  assert.equal(age(7500), '2 h 05');
});

const line = (lineId, remainingQuantity, deliverableNow) => ({ lineId, remainingQuantity, deliverableNow });

test('a complete or expired prescription is closed; something remains only on an open one', () => {
  assert.equal(isOpen({ status: 'OPEN' }), true);
  assert.equal(isOpen({ status: 'PARTIAL' }), true);
  assert.equal(isOpen({ status: 'COMPLETE' }), false);
  assert.equal(isOpen({ status: 'EXPIRED' }), false);
  assert.equal(remains({ status: 'PARTIAL', lines: [line('L1', 0), line('L2', 1)] }), true);
  assert.equal(remains({ status: 'PARTIAL', lines: [line('L1', 0)] }), false);
  assert.equal(remains({ status: 'EXPIRED', lines: [line('L1', 2)] }), false);
});

test('a substitution, a reason or fewer boxes than deliverable now changes the prescription; a line left for later does not', () => {
  const view = { lines: [line('L1', 3, 2), line('L2', 1)] };
  assert.equal(changesPrescription({ lines: [{ lineId: 'L1', quantity: 2 }, { lineId: 'L2', quantity: 1 }] }, view), false);
  assert.equal(changesPrescription({ lines: [{ lineId: 'L1', quantity: 1 }] }, view), true, 'fewer than deliverable now');
  assert.equal(changesPrescription({ lines: [{ lineId: 'L2', quantity: 0, notDeliveredReason: 'REFUS_PATIENT' }] }, view), true);
  assert.equal(changesPrescription({ lines: [{ lineId: 'L2', quantity: 1, deliveredProduct: { cip13: '3400935955838' } }] }, view), true);
  assert.equal(changesPrescription({ lines: [] }, view), false);
});
