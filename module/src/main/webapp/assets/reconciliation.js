// "n lignes à régulariser": the lines unknown to the e-prescription base (LPP devices…) this
// pharmacy delivered, kept by the module until a pharmacist says how each was settled.
import { h } from './dom.js';
import { frenchDateTime } from './format.js';
import { describe } from './messages.js';

/**
 * @param {{slot: HTMLElement, api: object, complain: Function, say: Function}} deps
 * @returns {{refresh: () => Promise<void>, clear: () => void}}
 */
export function attachReconciliations({ slot, api, complain, say }) {
  let open = false;

  function item(u) {
    const note = h('input', {
      id: `reconcile-note-${u.id}`,
      class: 'reconcile-note',
      autocomplete: 'off',
      placeholder: 'ex. facturé sur feuille de soins papier',
    });
    const button = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        id: `reconcile-${u.id}`,
        onclick: async () => {
          if (!note.value.trim()) {
            complain({ sentence: 'Indiquez comment la ligne a été régularisée.', action: 'Tapez une note, puis « Régularisée ».' });
            note.focus();
            return;
          }
          button.disabled = true;
          try {
            await api.resolveReconciliation(u.id, note.value.trim());
            say('Ligne régularisée.', 'Elle ne figure plus dans les lignes à régulariser.');
            await refresh();
          } catch (error) {
            if (error.kind !== 'unauthenticated') complain(describe(error));
            button.disabled = false;
          }
        },
      },
      'Régularisée',
    );
    return h(
      'li',
      { class: 'reconcile-item', dataset: { id: u.id, lineId: u.lineId } },
      h('span', { class: 'name' }, `${u.label} × ${u.quantity}`),
      h(
        'span',
        { class: 'small muted' },
        ` · LPP ${u.productCode ?? '—'} · ordonnance ${u.prescriptionNumber} (ligne ${u.lineId}) · ${frenchDateTime(u.deliveredAt)} · ${u.deliveredBy}`,
      ),
      h('span', { class: 'row' }, h('label', { for: note.id, class: 'sr-only' }, 'Note de régularisation'), note, button),
    );
  }

  async function refresh() {
    let view;
    try {
      view = await api.reconciliations();
    } catch (error) {
      if (error.kind === 'unauthenticated') return;
      slot.replaceChildren(); // the count is a reminder, never an error on its own
      return;
    }
    if (!view || view.count === 0) {
      slot.replaceChildren();
      return;
    }
    const details = h(
      'details',
      { id: 'reconciliation-list', class: 'reconciliation-list', ontoggle: () => (open = details.open) },
      h('summary', { id: 'reconciliation-count', dataset: { count: String(view.count) } }, view.label),
      h('p', { class: 'small muted' }, 'Produits inconnus de la base délivrés ici : non transmis à la base ordonnance numérique, à régulariser.'),
      h('ul', {}, view.items.map(item)),
    );
    details.open = open;
    slot.replaceChildren(details);
  }

  return { refresh, clear: () => slot.replaceChildren() };
}
