// Dispensations whose fate the base has not told (issue 10 §1). IN_DOUBT (sent, answer lost):
// a banner that stays on the counter that recorded it (patient, prescription, time) and a list
// every pharmacist of the pharmacy sees, until the base settles it (the module's recovery task,
// or « Vérifier maintenant » / « Annuler » here); the settlement is told live. NOT_RECORDED (never
// reached the base): said at once, with the one action left.
import { h } from './dom.js';
import { describe } from './messages.js';

const TIME = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' });
const at = (iso) => (iso ? TIME.format(new Date(iso)) : '');

/**
 * @param {{banner: HTMLElement, list: HTMLElement, api: object, complain: Function}} deps
 */
export function attachInDoubt({ banner, list, api, complain }) {
  /** dispensationId → {patient, number, createdAt, outcome?} made at this counter */
  const mine = new Map();

  function renderBanner() {
    banner.replaceChildren(
      ...[...mine.entries()].map(([id, d]) => {
        const who = `${d.patient ? `${d.patient}, ` : ''}ordonnance ${d.number}, délivrance de ${at(d.createdAt)}`;
        if (!d.outcome) {
          return h(
            'div',
            { class: 'doubt doubt-open', id: `doubt-${id}`, role: 'alert', dataset: { status: 'IN_DOUBT' } },
            h('p', { class: 'sentence' }, `Délivrance en attente de confirmation de la base — ${who}.`),
            h('p', { class: 'action' }, 'La base n’a pas répondu après l’envoi : elle l’a peut-être enregistrée. Ne la refaites pas ; le module le lui demande et vous le dira ici.'),
            actions(id),
          );
        }
        const recorded = d.outcome.status === 'RECORDED';
        return h(
          'div',
          { class: `doubt ${recorded ? 'doubt-recorded' : 'doubt-not-recorded'}`, id: `doubt-${id}`, role: 'alert', dataset: { status: d.outcome.status } },
          h(
            'p',
            { class: 'sentence' },
            recorded
              ? `Délivrance finalement enregistrée par la base (confirmé à ${at(d.outcome.settledAt)}) — ${who}.`
              : `Délivrance non enregistrée : à refaire — ${who}.`,
          ),
          h('button', { type: 'button', class: 'secondary small-button', onclick: () => forget(id) }, 'Compris'),
        );
      }),
    );
  }

  function actions(id) {
    return h(
      'p',
      { class: 'doubt-actions' },
      h('button', { type: 'button', class: 'secondary small-button', dataset: { action: 'CHECK' }, onclick: () => settle(id, 'CHECK') }, 'Vérifier maintenant'),
      h('button', { type: 'button', class: 'secondary small-button', dataset: { action: 'CANCEL' }, onclick: () => settle(id, 'CANCEL') }, 'Annuler si la base ne l’a pas'),
    );
  }

  function forget(id) {
    mine.delete(id);
    renderBanner();
  }

  async function settle(id, action) {
    try {
      const d = await api.settle(id, action);
      settled(d);
      if (action === 'CHECK' && d.status === 'IN_DOUBT') {
        complain({ sentence: 'La base n’a pas (encore) cette délivrance.', action: 'Réessayez « Vérifier maintenant » dans un instant, ou « Annuler » puis refaites-la.' });
      }
    } catch (error) {
      if (error.kind === 'unauthenticated') return;
      if (error.problem?.code === 'DISPENSATION_RECORDED_BY_BASE') refresh();
      complain(describe(error));
    }
  }

  /** The pharmacy's list, as the API has it now. */
  async function refresh() {
    let items;
    try {
      // this counter's own are in its banner already
      items = (await api.dispensationsInStatus('IN_DOUBT')).filter((d) => !mine.has(d.dispensationId));
    } catch {
      return; // the list keeps its last state; the next event reads it again
    }
    list.replaceChildren(
      ...(items.length
        ? [
            h(
              'details',
              { class: 'doubt-list', id: 'in-doubt-list', open: true },
              h('summary', {}, items.length === 1 ? '1 délivrance en attente de confirmation de la base' : `${items.length} délivrances en attente de confirmation de la base`),
              h(
                'ul',
                {},
                items.map((d) =>
                  h(
                    'li',
                    { id: `in-doubt-${d.dispensationId}` },
                    `Ordonnance ${d.prescriptionNumber}, délivrance de ${at(d.recordedAt)} par ${d.pharmacistName} `,
                    actions(d.dispensationId),
                  ),
                ),
              ),
            ),
          ]
        : []),
    );
  }

  /** A dispensation's new state (from the stream or a settlement): the banner and the list follow. */
  function settled(d) {
    const status = d.status;
    if (status === 'IN_DOUBT' || status === 'SUBMITTING') return;
    const own = mine.get(d.dispensationId);
    if (own && !own.outcome) {
      own.outcome = { status, settledAt: d.settledAt };
      renderBanner();
    }
    refresh();
  }

  return {
    refresh,
    /** This counter's dispensation got no answer from the base: the banner stays until settled. */
    own(dispensationId, { patient, number, createdAt }) {
      mine.set(dispensationId, { patient, number, createdAt });
      renderBanner();
      refresh();
    },
    /** A `dispensation` event of the pharmacy's stream. */
    event(data) {
      if (data.status === 'IN_DOUBT') refresh();
      else settled(data);
    },
    clear() {
      mine.clear();
      banner.replaceChildren();
      list.replaceChildren();
    },
  };
}

/** « Délivrance NON enregistrée »: the sentence, and the one action left (paper, or retry now). */
export function notRecordedRetry(onRetry) {
  return h(
    'p',
    { class: 'action' },
    h('button', { type: 'button', id: 'retry-dispensation', class: 'primary small-button', onclick: onRetry }, 'Réessayer maintenant'),
  );
}
