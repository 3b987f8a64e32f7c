// What the sends box says of each send (assets/recorded.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shownSends, stateWords } from '../../main/webapp/assets/recorded.js';

test('a waiting send speaks of a new attempt only once one was made', () => {
  assert.equal(stateWords({ state: 'PENDING', attempts: 0 }), 'en cours d’envoi');
  assert.equal(stateWords({ state: 'PENDING' }), 'en cours d’envoi', 'attempts absent: none yet');
  assert.equal(stateWords({ state: 'PENDING', attempts: 2 }), 'en attente d’envoi — nouvel essai automatique');
  assert.equal(stateWords({ state: 'SENT', attempts: 1 }), 'envoyé');
  assert.equal(stateWords({ state: 'SOMETHING_NEW' }), 'SOMETHING_NEW');
});

test('the message to the prescriber is listed while the page asks for it, then as the module has it', () => {
  const dmp = { target: 'DMP', state: 'PENDING', attempts: 0 };
  const asked = shownSends({ sends: [dmp] }, { asking: true });
  assert.deepEqual(asked.map((s) => [s.target, s.state]), [['DMP', 'PENDING'], ['MSSANTE', 'ASKING']]);
  assert.equal(stateWords(asked[1]), 'demande en cours');
  const queued = { target: 'MSSANTE', state: 'PENDING', attempts: 0 };
  assert.deepEqual(shownSends({ sends: [dmp, queued] }, { asking: true }), [dmp, queued], 'its own send once it has one');
  assert.deepEqual(shownSends({ sends: [dmp] }), [dmp], 'not asked: no line');
  assert.deepEqual(shownSends({}), []);
});
