// What the sends box says of each send (assets/recorded.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stateWords } from '../../main/webapp/assets/recorded.js';

test('a waiting send speaks of a new attempt only once one was made', () => {
  assert.equal(stateWords({ state: 'PENDING', attempts: 0 }), 'en cours d’envoi');
  assert.equal(stateWords({ state: 'PENDING' }), 'en cours d’envoi', 'attempts absent: none yet');
  assert.equal(stateWords({ state: 'PENDING', attempts: 2 }), 'en attente d’envoi — nouvel essai automatique');
  assert.equal(stateWords({ state: 'SENT', attempts: 1 }), 'envoyé');
  assert.equal(stateWords({ state: 'SOMETHING_NEW' }), 'SOMETHING_NEW');
});
