// Substitution at the counter: a search-as-you-type list over the module's product reference
// (BDPM), keyboard first: ↓/↑ move in the list, Entrée chooses, Échap leaves. It opens with the
// other packs of the prescribed product's generic group; the choice fills the CIP13 and label
// fields, which stay editable (a product missing from the reference is typed by hand).
import { h } from './dom.js';

const DEBOUNCE_MS = 150;

/**
 * @param {object} o
 * @param {string} o.idPrefix e.g. "subst-0"
 * @param {object} o.line the LineView
 * @param {{search: (q: string) => Promise<object[]>, substitutes: (cip13: string) => Promise<object>}} o.products
 * @param {(product: object) => void} o.onChoose
 * @returns {{node: HTMLElement, prefill: () => void}}
 */
export function substituteSearch({ idPrefix, line, products, onChoose }) {
  const listId = `${idPrefix}-options`;
  const input = h('input', {
    id: `${idPrefix}-search`,
    class: 'product-search',
    type: 'search',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'nom, CIP13 ou CIS',
  });
  const list = h('ul', { id: listId, class: 'product-options', role: 'listbox', 'aria-label': 'Produits trouvés' });
  const note = h('p', { class: 'small muted product-note', id: `${idPrefix}-note`, 'aria-live': 'polite' });
  let options = [];
  let active = -1;
  let timer = null;
  let asked = 0; // only the answer to the last question is shown

  function show(found, sentence) {
    options = found;
    active = found.length > 0 ? 0 : -1;
    list.replaceChildren(
      ...found.map((p, i) =>
        h(
          'li',
          {
            id: `${idPrefix}-option-${i}`,
            role: 'option',
            class: 'product-option',
            dataset: { cip13: p.cip13 },
            'aria-selected': String(i === active),
            onmousedown: (event) => {
              event.preventDefault(); // keep the caret in the field
              choose(i);
            },
          },
          h('span', { class: 'name' }, p.label),
          h(
            'span',
            { class: 'small muted' },
            ` CIP13 ${p.cip13}`,
            p.genericType === 'PRINCEPS' ? ' · princeps' : p.genericType ? ' · générique' : '',
            p.marketed ? '' : ' · plus commercialisé',
          ),
        ),
      ),
    );
    input.setAttribute('aria-expanded', String(found.length > 0));
    mark();
    note.textContent = sentence;
  }

  function mark() {
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', `${idPrefix}-option-${active}`);
      list.children[active].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function choose(i) {
    const p = options[i];
    if (!p) return;
    onChoose(p);
    note.textContent = `Choisi : ${p.label} (CIP13 ${p.cip13}).`;
    list.replaceChildren();
    options = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  async function ask(question) {
    const mine = ++asked;
    try {
      const found = await question();
      if (mine === asked) return found;
    } catch {
      if (mine === asked) show([], 'Recherche impossible pour l’instant : tapez le CIP13 et le libellé ci-dessous.');
    }
    return null;
  }

  async function prefill() {
    const code = line.product?.code;
    if (!/^\d{13}$/.test(code ?? '')) return;
    const answer = await ask(() => products.substitutes(code));
    if (!answer) return;
    const found = answer.substitutes ?? [];
    show(
      found,
      found.length > 0
        ? `${found.length} ${found.length >= 2 ? 'produits' : 'produit'} du même groupe générique${answer.genericGroup ? ` (${answer.genericGroup.label})` : ''}.`
        : 'Aucun générique de ce produit dans la base des médicaments : cherchez par nom.',
    );
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) {
      if (q.length === 0) prefill();
      return;
    }
    timer = setTimeout(async () => {
      const found = await ask(() => products.search(q));
      if (found) show(found, found.length > 0 ? `${found.length} ${found.length >= 2 ? 'résultats' : 'résultat'}.` : 'Aucun produit trouvé.');
    }, DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (options.length === 0) return;
      event.preventDefault();
      event.stopPropagation();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + options.length) % options.length;
      mark();
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && active >= 0) {
      // Enter chooses; it must neither record the dispensation nor jump to the next line.
      event.preventDefault();
      event.stopPropagation();
      choose(active);
    }
  });

  const node = h(
    'div',
    { class: 'product-search-box' },
    h('label', { for: input.id }, 'Chercher le produit délivré'),
    input,
    list,
    note,
  );
  return { node, prefill };
}
