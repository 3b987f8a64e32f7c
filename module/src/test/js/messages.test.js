// The counter's one catalogue of actions (assets/messages.js) against the API's catalogue of
// problems (api/.../problem/ProblemType.java): what the pharmacist reads for each failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ACTIONS, describe } from '../../main/webapp/assets/messages.js';

const PROBLEM_TYPE = new URL('../../../../api/src/main/java/fr/officine/segur/api/problem/ProblemType.java', import.meta.url);

/** The enum's constants, as written in the Java source (one per line, "  NAME(" at two spaces). */
function problemCodes() {
  const source = readFileSync(PROBLEM_TYPE, 'utf8');
  return [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]*)\s*\(/gm)].map((m) => m[1]);
}

test('every ProblemType has an action at the counter, and no action names a code that does not exist', () => {
  const codes = problemCodes();
  assert.ok(codes.length > 50, `read ${codes.length} constants from ProblemType.java`);
  assert.deepEqual(codes.filter((c) => !(c in ACTIONS)), [], 'ProblemType constants without an action in messages.js');
  assert.deepEqual(Object.keys(ACTIONS).filter((c) => !codes.includes(c)), [], 'actions of messages.js for no ProblemType');
});

test('a problem is said with its catalogue title, its detail and the action for its code', () => {
  const said = describe({
    kind: 'problem',
    problem: { code: 'OVER_DELIVERY', title: 'Quantité supérieure au reste à délivrer.', detail: 'Il reste 1 boîte.', lineId: 'L2' },
  });
  assert.deepEqual(said, {
    sentence: 'Quantité supérieure au reste à délivrer : Il reste 1 boîte.',
    action: ACTIONS.OVER_DELIVERY,
    lineId: 'L2',
    code: 'OVER_DELIVERY',
  });
});

test('a technical detail is never shown to the pharmacist', () => {
  for (const detail of [
    'java.lang.NullPointerException: null',
    'at fr.officine.segur.Foo.bar(Foo.java:12)',
    '{"error":"x"}',
    '<html>502</html>',
    'HTTP 500 from upstream',
    'first line\nsecond line',
    'x'.repeat(301),
  ]) {
    const said = describe({ kind: 'problem', problem: { code: 'INTERNAL_ERROR', title: 'Erreur interne du module.', detail } });
    assert.equal(said.sentence, 'Erreur interne du module.', detail);
  }
});

test('a detail equal to the title is not repeated, and a problem without title still says something', () => {
  assert.equal(describe({ kind: 'problem', problem: { title: 'Refusé.', detail: 'Refusé.' } }).sentence, 'Refusé.');
  assert.equal(describe({ kind: 'problem', problem: { detail: '  ' } }).sentence, 'Le module a refusé la demande.');
});

test('an unknown code gets the default action, never undefined', () => {
  const said = describe({ kind: 'problem', problem: { code: 'NOT_A_CODE', title: 'Titre.' } });
  assert.equal(said.action, 'Réessayez ; si le problème persiste, contactez le support.');
  assert.equal(said.lineId, null);
});

test('network, session and unexpected failures have their own French sentence', () => {
  assert.equal(describe({ kind: 'network' }).sentence, 'Le module ne répond pas.');
  assert.deepEqual(describe({ kind: 'unauthenticated' }), { sentence: 'Session expirée.', action: 'Reconnectez-vous.', lineId: null, code: null });
  assert.equal(describe(new TypeError('x is undefined')).sentence, 'Le module a rencontré une erreur inattendue.');
  assert.equal(describe(undefined).sentence, 'Le module a rencontré une erreur inattendue.');
});
