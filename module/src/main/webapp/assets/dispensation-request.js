// The DispensationRequest built from what the dispensation form holds, and what it changes of the
// prescription. No DOM here (issue 14 §7): dispense-form.js reads the form into plain values, and
// node --test (module/src/test/js) checks these rules without a browser. Every value read from a
// field carries that field (`fields.…`, opaque here: the element on the page) so that a refusal
// hands back where the caret goes.

const CIP13 = /^\d{13}$/;

/**
 * @typedef {object} LineEntry a prescribed line of the form (tr.line with a quantity field)
 * @property {number} index the line's index in view.lines
 * @property {string} quantity as typed
 * @property {boolean} unknownProduct delivered as "produit inconnu de la base"
 * @property {string|null} reason the not-delivered reason chosen, or null
 * @property {string} substCip13 the substitute's CIP13 as typed ('' when none)
 * @property {string} substLabel the substitute's label as typed ('' when none)
 * @property {Array<{kind: string, checked: boolean, field: *}>} acknowledgements the line's safety
 *     signals to tick, in screen order
 * @property {{lot?: string, expiry?: string, serial?: string}} box the box scanned on the line
 * @property {{quantity: *, substCip13: *, substLabel: *}} fields
 *
 * @typedef {object} HandwrittenEntry a handwritten line added at the counter
 * @property {string} cip13
 * @property {string} label
 * @property {string} quantity as typed
 * @property {{cip13: *, label: *, quantity: *}} fields
 *
 * @typedef {object} FormEntries
 * @property {LineEntry[]} lines
 * @property {HandwrittenEntry[]} handwritten
 * @property {*} emptyField where the caret goes when there is nothing to record
 */

/**
 * The request, or why not. Lines left at 0 without a reason are not sent: the pharmacist is not
 * dealing with them today (partial dispensation), they stay to be delivered.
 * @param {FormEntries} entries
 * @param {object} view the PrescriptionView the form was drawn from
 * @returns {{request?: object, invalid?: {sentence: string, action: string, field: *}}}
 */
export function buildRequest(entries, view) {
  const lines = [];
  const unknownProductLines = [];
  const acknowledgements = [];
  for (const entry of entries.lines) {
    const line = view.lines[entry.index];
    const label = line.product?.label ?? 'ce produit';
    const quantity = wholeNumber(entry.quantity);
    if (quantity === null) {
      return invalid(`La quantité de « ${label} » n’est pas un nombre entier de boîtes.`, 'Tapez un nombre entier, 0 si rien n’est délivré.', entry.fields.quantity);
    }
    if (entry.unknownProduct) {
      if (quantity > 0) unknownProductLines.push({ lineId: line.lineId, quantity });
      continue;
    }
    const reason = entry.reason || null;
    const cip = entry.substCip13.trim();
    const substLabel = entry.substLabel.trim();
    let deliveredProduct = null;
    if (cip || substLabel) {
      if (!CIP13.test(cip)) {
        return invalid(`Le CIP13 de substitution de « ${label} » doit compter 13 chiffres.`, 'Scannez ou tapez le code de la boîte délivrée.', entry.fields.substCip13);
      }
      if (!substLabel) {
        return invalid(`Le libellé du produit substitué à « ${label} » manque.`, 'Tapez le nom du produit délivré.', entry.fields.substLabel);
      }
      deliveredProduct = { cip13: cip, label: substLabel };
    }
    if (quantity === 0 && !reason) continue;
    if (quantity > 0) {
      for (const ack of entry.acknowledgements) {
        if (!ack.checked) {
          const alert = line.alerts.find((a) => a.kind === ack.kind);
          return invalid(
            `${alert?.label ?? 'Alerte'} sur « ${label} » : à lire avant de délivrer.`,
            `Cochez « ${alert?.acknowledgement ?? 'Vu'} » sur la ligne, ou mettez 0.`,
            ack.field,
          );
        }
        acknowledgements.push({ lineId: line.lineId, kind: ack.kind });
      }
    }
    // The box scanned on the line (box.js) goes with what is delivered, never with a refusal.
    const box = reason || quantity === 0 ? {} : entry.box;
    lines.push({ lineId: line.lineId, quantity: reason ? 0 : quantity, deliveredProduct: reason ? null : deliveredProduct, notDeliveredReason: reason, ...box });
  }
  const handwrittenLines = [];
  for (const entry of entries.handwritten) {
    const cip = entry.cip13.trim();
    const label = entry.label.trim();
    const quantity = wholeNumber(entry.quantity);
    if (!cip && !label) continue; // an added row left empty
    if (!CIP13.test(cip)) return invalid('Le CIP13 de la mention manuscrite doit compter 13 chiffres.', 'Scannez ou tapez le code de la boîte.', entry.fields.cip13);
    if (!label) return invalid('Le libellé de la mention manuscrite manque.', 'Tapez le nom du produit écrit à la main.', entry.fields.label);
    if (!quantity) return invalid('La quantité de la mention manuscrite doit être d’au moins 1 boîte.', 'Tapez le nombre de boîtes délivrées.', entry.fields.quantity);
    handwrittenLines.push({ cip13: cip, label, quantity });
  }
  if (lines.length === 0 && handwrittenLines.length === 0 && unknownProductLines.length === 0) {
    return invalid('Rien à enregistrer : toutes les quantités sont à 0.', 'Indiquez une quantité, ou un motif de non-délivrance.', entries.emptyField);
  }
  return { request: { lines, handwrittenLines, unknownProductLines, acknowledgements } };
}

/**
 * Whether the request changes what was prescribed (issue 15 §3: the prescriber is told): a
 * substitution, a line not delivered for a reason, or fewer boxes than could be delivered now.
 * A line simply left for later (0, no reason) is not a change.
 */
export function changesPrescription(request, view) {
  return (request.lines ?? []).some((l) => {
    const line = (view.lines ?? []).find((v) => v.lineId === l.lineId);
    const deliverable = Math.min(line?.remainingQuantity ?? 0, line?.deliverableNow ?? line?.remainingQuantity ?? 0);
    return Boolean(l.deliveredProduct) || Boolean(l.notDeliveredReason) || (l.quantity > 0 && l.quantity < deliverable);
  });
}

/** "" is 0 (nothing typed), 1 to 4 digits a number of boxes, anything else null (refused). */
function wholeNumber(text) {
  const s = String(text).trim();
  if (s === '') return 0;
  return /^\d{1,4}$/.test(s) ? Number(s) : null;
}

function invalid(sentence, action, field) {
  return { invalid: { sentence, action, field } };
}
