// A medicine box's GS1 DataMatrix scanned into the scan field while a prescription is open
// (POST /scans → MEDICINE_BOX): the box is checked and its lot, expiry and serial go with the line
// it delivers. The same product fills its line; another pack of the prescribed product's generic
// group is proposed as a substitution (Entrée accepts); an expired box or a recalled lot is refused
// on the spot (the server refuses them too: BOX_EXPIRED, BOX_LOT_RECALLED).
import { h } from './dom.js';
import { frenchDate } from './format.js';

/** Today in France as YYYY-MM-DD: a box's expiry is a French calendar day. */
function todayInFrance() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

function boxWords(box) {
  return [
    box.lot && `lot ${box.lot}`,
    box.expiry && `péremption ${frenchDate(box.expiry)}`,
    box.serial && `n° de série ${box.serial}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The box scanned on a line, for the dispensation request: {lot, expiry, serial} (only those the
 * box gave), or {} when none was scanned on it.
 * @param {HTMLElement} row a tr.line of the dispensation form
 */
export function boxOf(row) {
  const out = {};
  if (row.dataset.boxLot) out.lot = row.dataset.boxLot;
  if (row.dataset.boxExpiry) out.expiry = row.dataset.boxExpiry;
  if (row.dataset.boxSerial) out.serial = row.dataset.boxSerial;
  return out;
}

/**
 * @param {object} o
 * @param {{substitutes: (cip13: string) => Promise<object>}} o.products the product reference
 * @param {(sentence: string, action?: string, options?: object) => void} o.say
 * @param {(d: {sentence: string, action: string}) => void} o.complain
 * @returns {{scanned: (box: object, view: object|null) => Promise<boolean>}}
 */
export function attachBoxScan({ products, say, complain }) {
  /** Records the box on the line and shows it there. */
  function fill(row, line, box, substitute) {
    row.dataset.boxCip13 = box.cip13;
    for (const [key, value] of [['boxLot', box.lot], ['boxExpiry', box.expiry], ['boxSerial', box.serial]]) {
      if (value) row.dataset[key] = value;
      else delete row.dataset[key];
    }
    if (substitute) {
      row.querySelector('input[name="substCip13"]').value = substitute.cip13;
      row.querySelector('input[name="substLabel"]').value = substitute.label;
    }
    const qty = row.querySelector('input[name="quantity"]');
    const reason = row.querySelector('select[name="notDeliveredReason"]');
    if (qty && Number(qty.value) === 0 && line.deliverableNow > 0) qty.value = '1';
    if (reason) reason.value = '';
    const slot = row.querySelector('td.deliver');
    slot.querySelector('.box-scanned')?.remove();
    slot.append(
      h(
        'p',
        { class: 'box-scanned small', dataset: { cip13: box.cip13 } },
        h('span', { class: 'badge badge-box' }, substitute ? 'Boîte substituée scannée' : 'Boîte scannée'),
        ' ',
        boxWords(box) || `CIP13 ${box.cip13}`,
      ),
    );
  }

  function rowOf(index) {
    return document.querySelector(`#dispense-form tr.line[data-index="${index}"]`);
  }

  /** Lines still deliverable now, with their row in the form. */
  function deliverable(view) {
    return view.lines
      .map((line, index) => ({ line, row: rowOf(index) }))
      .filter(({ line, row }) => row && row.querySelector('input[name="quantity"]') && line.deliverableNow > 0);
  }

  /** A pack of the same generic group as one of the lines: {line, row, product} or null. */
  async function sameGroup(view, box) {
    for (const candidate of deliverable(view)) {
      const prescribed = candidate.line.product?.code;
      if (!prescribed || prescribed === box.cip13) continue;
      let group;
      try {
        group = await products.substitutes(prescribed);
      } catch {
        continue; // the reference did not answer: this line cannot be proposed
      }
      const product = (group?.substitutes ?? []).find((p) => p.cip13 === box.cip13);
      if (product) return { ...candidate, product };
    }
    return null;
  }

  /** "Substituer ?" under the scan field: Entrée (or the button) accepts, Échap leaves it. */
  function propose({ line, row, product }, box) {
    const label = line.product?.label ?? 'la ligne';
    const accept = h(
      'button',
      {
        type: 'button',
        id: 'box-substitute',
        onclick: () => {
          fill(row, line, box, product);
          say(`Substitution enregistrée sur « ${label} » : ${product.label} (${boxWords(box)}).`);
          document.getElementById('scan')?.focus();
        },
      },
      'Substituer par cette boîte',
    );
    say(
      `Boîte de ${product.label} : même groupe générique que « ${label} ».`,
      'Entrée ou « Substituer par cette boîte » pour la délivrer à la place, sinon scannez une autre boîte.',
    );
    document.getElementById('message')?.append(h('p', {}, accept));
    accept.focus();
  }

  async function scanned(box, view) {
    if (!view || !document.getElementById('dispense-form')) {
      complain({
        sentence: `Boîte scannée (CIP13 ${box.cip13}) sans ordonnance ouverte.`,
        action: 'Scannez d’abord le QR code de l’ordonnance, puis les boîtes.',
      });
      return true;
    }
    if (box.expiry && box.expiry < todayInFrance()) {
      complain({
        sentence: `Boîte périmée depuis le ${frenchDate(box.expiry)}${box.lot ? ` (lot ${box.lot})` : ''} : ne la délivrez pas.`,
        action: 'Prenez une autre boîte non périmée, puis scannez-la.',
      });
      return true;
    }
    const recall = (view.dp?.alerts ?? []).find((a) => a.type === 'RECALL' && a.cip13 === box.cip13 && a.lot && a.lot === box.lot);
    if (recall) {
      complain({
        sentence: `Lot ${box.lot} rappelé : ne délivrez pas cette boîte. ${recall.message ?? ''}`.trim(),
        action: 'Prenez une boîte d’un autre lot, puis scannez-la.',
      });
      return true;
    }
    const same = deliverable(view).find(({ line }) => line.product?.code === box.cip13);
    if (same) {
      fill(same.row, same.line, box, null);
      say(`Boîte vérifiée pour « ${same.line.product.label} » : ${boxWords(box) || `CIP13 ${box.cip13}`}.`);
      return true;
    }
    const substitute = await sameGroup(view, box);
    if (substitute && !substitute.line.substitutable) {
      complain({
        sentence: `« ${substitute.line.product.label} » est non substituable : cette boîte (${substitute.product.label}) ne peut pas la remplacer.`,
        action: 'Délivrez le produit prescrit et scannez sa boîte.',
      });
      return true;
    }
    if (substitute) {
      propose(substitute, box);
      return true;
    }
    complain({
      sentence: `Cette boîte (CIP13 ${box.cip13}) ne correspond à aucune ligne à délivrer de l’ordonnance.`,
      action: 'Vérifiez la boîte prise en rayon, puis scannez celle du produit prescrit.',
    });
    return true;
  }

  return { scanned };
}
