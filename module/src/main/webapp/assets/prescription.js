// One screen for one prescription: who prescribed, for whom, each line with prescribed / already
// delivered (by which pharmacy, when) / remaining, and the dispensation form in the same table.
import { h } from './dom.js';
import { substituteSearch } from './substitute.js';
import {
  boxes,
  COMPLETENESS_WORDS,
  frenchDate,
  frenchDateTime,
  maskedIns,
  NOT_DELIVERED_REASONS,
  personName,
  reasonWords,
  statusWords,
} from './format.js';

const CIP_SYSTEM = '1.2.250.1.213.2.3.2';
const LPP_SYSTEM = '1.2.250.1.215.200.2.1';
const UNKNOWN_PRODUCT = 'UNKNOWN_PRODUCT';

function unknownProduct(line) {
  return (line.flags ?? []).includes(UNKNOWN_PRODUCT);
}
// A closed prescription shows why, and no form (the base would refuse any execution anyway).
const CLOSED_REASONS = Object.freeze({
  COMPLETE: () =>
    'Tout a été délivré : cette ordonnance est close et ne peut plus être délivrée, ici ou ailleurs.',
  EXPIRED: (view) =>
    `Ordonnance expirée : la première délivrance devait avoir lieu au plus tard le ${frenchDate(view.firstDeliveryDeadline)} (3 mois après la prescription). Rien ne peut être délivré.`,
});

export function isOpen(view) {
  return !(view.status in CLOSED_REASONS);
}

/** Something can still be delivered on this prescription (else no "reste à délivrer" to print). */
export function remains(view) {
  return isOpen(view) && (view.lines ?? []).some((l) => l.remainingQuantity > 0);
}

/**
 * @param {object} view PrescriptionView
 * @returns {HTMLElement} the whole prescription block; the form (if any) has id "dispense-form"
 */
export function renderPrescription(view, { products, locked = false } = {}) {
  // locked: just recorded; the result is shown and delivering more needs an explicit re-open
  // (renderReopen), so a second F9 can never deliver the rest by accident
  const open = isOpen(view) && !locked;
  const lines = view.lines ?? [];
  return h(
    'section',
    { id: 'prescription', class: 'prescription', 'aria-labelledby': 'rx-title' },
    h(
      'header',
      { class: 'rx-head' },
      h('h2', { id: 'rx-title' }, 'Ordonnance ', h('span', { class: 'mono', id: 'rx-number' }, view.number)),
      h('span', { class: `status status-${view.status}`, id: 'rx-status' }, statusWords(view.status)),
      view.prescribedOn && h('span', { class: 'muted' }, `prescrite le ${frenchDate(view.prescribedOn)}`),
    ),
    h('div', { class: 'people' }, renderPrescriber(view.prescriber), renderPatient(view.patient), renderRecords(view)),
    !isOpen(view) &&
      h('p', { class: 'closed-reason', id: 'closed-reason', role: 'note' }, CLOSED_REASONS[view.status](view)),
    h(
      open ? 'form' : 'div',
      open ? { id: 'dispense-form', novalidate: true, 'aria-label': 'Délivrance' } : {},
      h(
        'div',
        // WCAG 2.2 §1.4.10 Reflow: at 320 CSS px the lines (a table needs its two dimensions, the
        // criterion's exception) scroll inside this region, not the page; focusable so a keyboard
        // scrolls it when no input is inside (a closed prescription)
        { class: 'lines-region', role: 'region', 'aria-label': 'Lignes de l’ordonnance', tabindex: open ? null : '0' },
        h(
          'table',
          { class: 'lines', id: 'lines' },
          h('caption', { class: 'sr-only' }, 'Lignes de l’ordonnance'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Produit'),
              h('th', { scope: 'col', class: 'num' }, 'Prescrit'),
              h('th', { scope: 'col' }, 'Déjà délivré'),
              h('th', { scope: 'col', class: 'num' }, 'Reste'),
              open && h('th', { scope: 'col' }, 'Délivrer maintenant'),
            ),
          ),
          h('tbody', {}, lines.map((line, i) => renderLine(line, i, open, products))),
          open && renderHandwrittenFoot(),
        ),
      ),
      open &&
        h(
          'div',
          { class: 'form-actions' },
          h(
            'button',
            { type: 'submit', id: 'dispense-submit', class: 'primary', 'aria-keyshortcuts': 'Control+Enter F9' },
            'Enregistrer la délivrance',
          ),
          h('span', { class: 'muted' }, h('kbd', {}, 'Ctrl'), '+', h('kbd', {}, 'Entrée'), ' ou ', h('kbd', {}, 'F9')),
          // issue 15 §3: prefilled on; used only when the dispensation changes the prescription
          h(
            'label',
            { class: 'notify-prescriber small', for: 'notify-prescriber' },
            h('input', { type: 'checkbox', id: 'notify-prescriber', name: 'notifyPrescriber', checked: true, 'aria-keyshortcuts': 'Alt+M' }),
            ' Informer le prescripteur si l’ordonnance est modifiée (MSSanté) ',
            h('kbd', {}, 'Alt'),
            '+',
            h('kbd', {}, 'M'),
          ),
        ),
    ),
  );
}

function renderPrescriber(p) {
  return h(
    'div',
    { class: 'person', id: 'prescriber' },
    h('h3', {}, 'Prescripteur'),
    p
      ? [
          h('p', { class: 'name' }, `Dr ${personName(p.firstName, p.lastName)}`),
          h('p', {}, p.specialty && `${p.specialty} · `, 'RPPS ', h('span', { class: 'mono' }, p.rpps)),
        ]
      : h('p', { class: 'muted' }, 'Non communiqué par la base'),
  );
}

function renderPatient(p) {
  const born = p?.sex === 'F' ? 'née' : p?.sex === 'M' ? 'né' : 'né(e)';
  return h(
    'div',
    { class: 'person', id: 'patient' },
    h('h3', {}, 'Patient'),
    p
      ? [
          h('p', { class: 'name' }, personName(p.firstName, p.birthName)),
          h(
            'p',
            {},
            `${born} le ${frenchDate(p.birthDate)} · INS `,
            h('span', { class: 'mono', id: 'patient-ins', title: 'Masqué sauf les 4 derniers caractères' }, maskedIns(p.ins)),
          ),
          // Filled without a click once the identity feature answered (app.js).
          h('p', { id: 'ins-status', class: 'ins-status muted' }, p.ins ? 'Vérification de l’INS…' : 'Pas d’INS transmis : identité non qualifiée'),
        ]
      : h('p', { class: 'muted' }, 'Non communiqué par la base'),
  );
}

const DMP_CLASSES = Object.freeze({ ACTIVE: 'ok', NONE: 'info', CLOSED: 'info', OPPOSED: 'warn', PS_BLOCKED: 'warn', UNAVAILABLE: 'warn', NO_INS: 'warn', INS_NOT_QUALIFIED: 'warn' });

/** The patient's DMP and DP, shown without a click (TD0.2 answered with the prescription). */
function renderRecords(view) {
  return h(
    'div',
    { class: 'person records', id: 'records' },
    h('h3', {}, 'Dossiers du patient'),
    renderDmpStatus(view.dmp),
    renderDp(view.dp, view.lines ?? []),
  );
}

/** The DMP line alone: re-rendered after a qualification without touching the typed quantities. */
export function renderDmpStatus(dmp) {
  return h(
    'p',
    { id: 'dmp-status', class: `record record-${DMP_CLASSES[dmp?.state] ?? 'info'}`, dataset: { state: dmp?.state ?? '' } },
    h('strong', {}, 'DMP : '),
    // unqualified INS: the patient's INS line already says it; here only what it means for the DMP.
    // Not « alimenté une fois l'identité vérifiée »: whether the patient has a DMP is only known once
    // it is consulted (walk of 2026-12-04: qualified, the patient had none)
    dmp?.state === 'INS_NOT_QUALIFIED' ? 'non consulté tant que l’identité n’est pas vérifiée' : dmp ? dmp.label : 'état non communiqué',
    dmp && !dmp.canFeed && dmp.state !== 'INS_NOT_QUALIFIED' && h('span', { class: 'small muted' }, ` — ${DMP_FEED_WORDS[dmp.state] ?? 'le document de délivrance ne sera pas versé'}`),
  );
}

/**
 * A send the module will still try says so (issue 10 §2): « ne sera pas versé » only for the DMP's
 * own final answers (none, closed, opposed, blocked professional, no INS).
 */
const DMP_FEED_WORDS = Object.freeze({
  UNAVAILABLE: 'le document de délivrance sera envoyé dès que le DMP répondra',
});

const DP_CLASSES = Object.freeze({ ACTIVE: 'ok', NONE: 'info', CLOSED: 'info', ACCESS_REFUSED: 'warn', UNKNOWN_PATIENT: 'info', UNAVAILABLE: 'warn', NO_INS: 'warn' });

function dpList(items, id, title, text) {
  if (!Array.isArray(items) || items.length === 0) return null;
  // folded with its count: these concern products of the history, not the lines (theirs are on
  // the line), and the record button must stay in view at 1280×800
  return h(
    'details',
    { id, class: 'dp-list small' },
    h('summary', {}, h('strong', {}, `${title} (${items.length})`)),
    h('ul', { class: 'small' }, items.slice(0, 4).map((i) => h('li', { title: text(i) }, text(i)))),
  );
}

/**
 * The DP (Dossier Pharmaceutique, DpView): its status; the alerts about products of the history
 * only (those about a prescribed product, and the "already delivered" flags, are on their line);
 * the history folded. Short: no scroll box, the lines stay in view at 1280×800.
 */
function renderDp(dp, lines = []) {
  if (!dp) return h('p', { id: 'dp-status', class: 'record record-info muted' }, h('strong', {}, 'DP : '), 'non consulté');
  return h(
    'div',
    { id: 'dp', class: 'dp' },
    h(
      'p',
      { id: 'dp-status', class: `record record-${DP_CLASSES[dp.state] ?? 'info'}`, dataset: { state: dp.state ?? '' } },
      h('strong', {}, 'DP : '),
      dp.label ?? 'état non communiqué',
    ),
    h(
      'div',
      { class: 'dp-alerts' },
      dpList(
        (dp.alerts ?? []).filter((a) => !lines.some((l) => l.product?.code && l.product.code === a.cip13)),
        'dp-alerts',
        'Alertes (historique)',
        (a) => `${a.typeLabel ?? 'Alerte'} : ${a.label ?? a.cip13 ?? ''}${a.lot ? ` (lot ${a.lot})` : ''}${a.message ? ` — ${a.message}` : ''}`,
      ),
    ),
    Array.isArray(dp.history) &&
      dp.history.length > 0 &&
      h(
        'details',
        { id: 'dp-history', class: 'dp-history small' },
        h('summary', {}, `Historique récent (${dp.history.length})`),
        h(
          'ul',
          {},
          dp.history.slice(0, 6).map((d) =>
            h('li', {}, `${frenchDateTime(d.deliveredAt)} · ${d.label ?? d.cip13 ?? ''} × ${d.quantity}${d.otherPharmacy ? ` · ${d.pharmacyName ?? 'autre pharmacie'}` : ''}`),
          ),
        ),
      ),
  );
}

function productCode(product) {
  if (!product?.code) return null;
  const name = !product.codeSystem || product.codeSystem === CIP_SYSTEM ? 'CIP13' : product.codeSystem === LPP_SYSTEM ? 'LPP' : 'Code';
  return h('span', { class: 'code' }, `${name} `, h('span', { class: 'mono' }, product.code));
}

function renderLine(line, index, open, products) {
  const editable = open && line.deliverableNow > 0;
  return [renderLineRow(line, index, open, products, editable), renderLineAlerts(line, index, editable, open)];
}

function renderLineRow(line, index, open, products, editable) {
  return h(
    'tr',
    {
      id: `line-${index}`,
      class: 'line',
      dataset: { lineId: line.lineId, index: String(index), unknownProduct: String(unknownProduct(line)) },
    },
    h(
      'th',
      { scope: 'row', class: 'product' },
      h('span', { class: 'label', id: `line-${index}-label` }, line.product?.label ?? 'Produit sans libellé'),
      productCode(line.product),
      line.dosage && h('span', { class: 'dosage' }, line.dosage),
      h(
        'span',
        { class: 'badges' },
        !line.substitutable && h('span', { class: 'badge badge-nosubst' }, 'Non substituable'),
        line.narcotic && h('span', { class: 'badge badge-narcotic' }, 'Stupéfiant'),
        line.handwritten && h('span', { class: 'badge badge-handwritten' }, 'Mention manuscrite'),
        unknownProduct(line) &&
          h(
            'span',
            { class: 'badge badge-unknown', title: 'La base ne connaît pas ce produit : la délivrance est gardée par le module, à régulariser.' },
            'Produit inconnu de la base',
          ),
      ),
    ),
    h('td', { class: 'num prescribed' }, renderPrescribed(line)),
    h('td', { class: 'deliveries' }, renderDeliveries(line.deliveries ?? [], unknownProduct(line), line)),
    h(
      'td',
      { class: 'num remaining' },
      h('span', { class: 'big', id: `line-${index}-remaining` }, String(line.remainingQuantity)),
      open &&
        line.remainingQuantity > 0 &&
        line.deliverableNow < line.remainingQuantity &&
        h(
          'span',
          { class: 'muted small' },
          line.deliverableNow > 0 ? `dont ${line.deliverableNow} maintenant` : 'renouvellement plus tard',
        ),
    ),
    open && h('td', { class: 'deliver' }, editable ? renderLineInputs(line, index, products) : h('span', { class: 'muted' }, '—')),
  );
}

const ALERT_CLASSES = Object.freeze({
  LOT_RECALL: 'danger',
  NARCOTIC_OVERLAP: 'danger',
  SECURE_PRESCRIPTION: 'warn',
  NARCOTIC_FRACTION: 'warn',
  NARCOTIC_LATE_PRESENTATION: 'warn',
  SHORTAGE: 'info',
  SAME_PRODUCT: 'warn',
  SAME_MOLECULE: 'warn',
});

/**
 * The line's safety signals, on the line (issue 10 §3): DP recall, shortage, already delivered
 * elsewhere, narcotic rules. A blocking one carries its box to tick, without which the line is not
 * recorded (the server refuses it too).
 */
function renderLineAlerts(line, index, editable, open) {
  const alerts = line.alerts ?? [];
  if (alerts.length === 0) return null;
  // a row of its own right under the line, the table's full width: one line per signal at 1280 px
  return h(
    'tr',
    { class: 'line-alerts-row', id: `line-${index}-alerts-row`, dataset: { lineId: line.lineId } },
    h('td', { colspan: open ? 5 : 4 }, renderAlertList(alerts, index, editable)),
  );
}

function renderAlertList(alerts, index, editable) {
  return h(
    'ul',
    { class: 'line-alerts', id: `line-${index}-alerts` },
    alerts.map((a, j) =>
      h(
        'li',
        { class: `line-alert line-alert-${ALERT_CLASSES[a.kind] ?? 'info'}`, dataset: { kind: a.kind }, title: `${a.label} : ${a.message}` },
        h('strong', {}, `${a.label} : `),
        a.message,
        editable &&
          a.acknowledgementRequired &&
          h(
            'label',
            { class: 'ack', for: `ack-${index}-${j}` },
            h('input', { type: 'checkbox', id: `ack-${index}-${j}`, name: 'ack', dataset: { kind: a.kind } }),
            ` ${a.acknowledgement ?? 'Vu'}`,
          ),
      ),
    ),
  );
}

/** Shown under a just-recorded prescription that still has something to deliver. */
export function renderReopen(onReopen) {
  return h(
    'p',
    { class: 'form-actions', id: 'reopen-row' },
    h('button', { type: 'button', id: 'reopen', class: 'secondary', onclick: onReopen }, 'Délivrer encore sur cette ordonnance'),
    h('span', { class: 'muted small' }, ' délivrance enregistrée : le formulaire est fermé pour ne rien délivrer deux fois'),
  );
}

function renderPrescribed(line) {
  if (!line.renewals) return h('span', { class: 'big' }, String(line.prescribedQuantity));
  return [
    h('span', { class: 'big' }, `${line.prescribedQuantity} × ${1 + line.renewals} = ${line.totalQuantity}`),
    h('span', { class: 'muted small' }, `à renouveler ${line.renewals} fois`),
  ];
}

/**
 * « renouvellement » only for a delivery that starts a renewal period of a renewable line (the
 * boxes before it fill whole periods); otherwise the completeness code's words.
 */
function deliveryWords(d, before, line) {
  const period = line?.prescribedQuantity ?? 0;
  if (line?.renewals > 0 && period > 0 && before > 0 && before % period === 0 && d.quantity > 0) {
    return `renouvellement ${before / period} sur ${line.renewals}`;
  }
  return COMPLETENESS_WORDS[d.completenessCode] ?? null;
}

function renderDeliveries(deliveries, unknown = false, line = null) {
  if (deliveries.length === 0) return h('span', { class: 'muted' }, '—');
  let before = 0;
  const words = deliveries.map((d) => {
    const w = deliveryWords(d, before, line);
    before += d.quantity ?? 0;
    return w;
  });
  return h(
    'ul',
    { class: 'delivery-list' },
    deliveries.map((d, i) =>
      h(
        'li',
        {},
        h('span', { class: d.ownPharmacy ? 'pharmacy own' : 'pharmacy' }, d.ownPharmacy ? 'cette pharmacie' : d.pharmacyName || `FINESS ${d.pharmacyFiness}`),
        ` · ${frenchDateTime(d.date)} · `,
        h('strong', {}, boxes(d.quantity)),
        words[i] && h('span', { class: 'completeness', title: d.completenessCode ?? '' }, ` · ${words[i]}`),
        d.deliveredProduct?.label && h('span', { class: 'small subst' }, `substitué par ${d.deliveredProduct.label}`),
        d.notDeliveredReason && h('span', { class: 'small' }, `non délivré : ${reasonWords(d.notDeliveredReason)}`),
        unknown && h('span', { class: 'small' }, 'hors base, à régulariser'),
      ),
    ),
  );
}

function renderLineInputs(line, i, products) {
  const label = line.product?.label ?? 'ce produit';
  if (unknownProduct(line)) return renderUnknownProductInputs(line, i, label);
  const qty = quantityInput(line, i, `line-${i}-remaining`);
  const reason = h(
    'select',
    { id: `reason-${i}`, name: 'notDeliveredReason', class: 'reason' },
    h('option', { value: '' }, 'Délivré'),
    NOT_DELIVERED_REASONS.map(([code, words]) => h('option', { value: code }, `Non délivré : ${words}`)),
  );
  // A reason means nothing is delivered on the line; a quantity typed afterwards means it is.
  reason.addEventListener('change', () => {
    if (reason.value) qty.value = '0';
  });
  qty.addEventListener('input', () => {
    if (Number(qty.value) > 0) reason.value = '';
  });
  return h(
    'div',
    { class: 'line-inputs' },
    h(
      'div',
      { class: 'row' },
      h('label', { for: `qty-${i}`, class: 'sr-only' }, `Quantité à délivrer, ${label}`),
      qty,
      h('span', { class: 'muted small' }, `/ ${line.deliverableNow}`),
      h('label', { for: `reason-${i}`, class: 'sr-only' }, `Non délivré, ${label}`),
      reason,
    ),
    line.substitutable && renderSubstitution(line, i, products),
  );
}

/**
 * The quantity of a line: all that may be delivered now, by default — 0 when a lot of the product
 * is recalled (nothing leaves without the pharmacist's decision). Its content is selected on focus,
 * so what is typed replaces it ("0" after a refusal never becomes "02").
 */
function quantityInput(line, i, describedBy) {
  const recalled = (line.alerts ?? []).some((a) => a.kind === 'LOT_RECALL');
  const input = h('input', {
    type: 'number',
    id: `qty-${i}`,
    class: 'qty',
    name: 'quantity',
    min: 0,
    max: line.deliverableNow,
    step: 1,
    value: recalled ? 0 : line.deliverableNow,
    inputmode: 'numeric',
    'aria-describedby': describedBy,
  });
  input.addEventListener('focus', () => input.select());
  return input;
}

/**
 * A line the base does not know: a quantity only (no reason: the base takes no execution on it).
 * Delivered in the same recording, not sent to the base, kept for reconciliation.
 */
function renderUnknownProductInputs(line, i, label) {
  return h(
    'div',
    { class: 'line-inputs' },
    h(
      'div',
      { class: 'row' },
      h('label', { for: `qty-${i}`, class: 'sr-only' }, `Quantité à délivrer hors base, ${label}`),
      quantityInput(line, i, `line-${i}-remaining unknown-${i}`),
      h('span', { class: 'muted small' }, `/ ${line.deliverableNow}`),
    ),
    h('span', { class: 'small muted unknown-note', id: `unknown-${i}` }, 'Non transmis à la base : sera à régulariser.'),
  );
}

/** "Substituer": the product reference's search (when the page has it) over the CIP13 + label fields. */
function renderSubstitution(line, i, products) {
  const pairs = h('div', { class: 'pairs' }, productFields(`subst-${i}`, 'subst', 'text'));
  const details = h('details', { class: 'subst' }, h('summary', {}, 'Substituer'));
  if (!products) {
    details.append(pairs);
    return details;
  }
  const search = substituteSearch({
    idPrefix: `subst-${i}`,
    line,
    products,
    onChoose: (product) => {
      pairs.querySelector('input[name="substCip13"]').value = product.cip13;
      pairs.querySelector('input[name="substLabel"]').value = product.label;
    },
  });
  details.append(search.node, pairs);
  let prefilled = false;
  details.addEventListener('toggle', () => {
    if (!details.open) return;
    details.querySelector('.product-search').focus();
    if (!prefilled) {
      prefilled = true;
      search.prefill();
    }
  });
  return details;
}

/** A product typed at the counter (substitute or handwritten line): CIP13 and label, labelled. */
function productFields(idPrefix, namePrefix, labelClass) {
  return [
    h('label', { for: `${idPrefix}-cip` }, 'CIP13'),
    h('input', {
      id: `${idPrefix}-cip`,
      name: `${namePrefix}Cip13`,
      class: 'cip',
      inputmode: 'numeric',
      maxlength: 13,
      autocomplete: 'off',
      spellcheck: 'false',
    }),
    h('label', { for: `${idPrefix}-label` }, 'Libellé'),
    h('input', { id: `${idPrefix}-label`, name: `${namePrefix}Label`, class: labelClass, autocomplete: 'off' }),
  ];
}

function renderHandwrittenFoot() {
  const body = h('tbody', { id: 'handwritten-rows', class: 'handwritten' });
  let counter = 0;
  const add = h(
    'button',
    {
      type: 'button',
      id: 'add-handwritten',
      onclick: () => {
        const n = counter++;
        const row = handwrittenRow(n, () => {
          row.remove();
          add.focus();
        });
        body.append(row);
        row.querySelector('input').focus();
      },
    },
    'Ajouter une mention manuscrite',
  );
  return [body, h('tfoot', {}, h('tr', {}, h('td', { colspan: 5 }, add)))];
}

function handwrittenRow(n, onRemove) {
  return h(
    'tr',
    { class: 'handwritten-row', id: `hw-${n}` },
    h('th', { scope: 'row' }, h('span', { class: 'badge badge-handwritten' }, 'Mention manuscrite')),
    h(
      'td',
      { colspan: 3 },
      h('div', { class: 'row' }, productFields(`hw-${n}`, 'hw', 'text wide')),
    ),
    h(
      'td',
      {},
      h(
        'div',
        { class: 'row' },
        h('label', { for: `hw-qty-${n}` }, 'Quantité'),
        h('input', { id: `hw-qty-${n}`, name: 'hwQuantity', class: 'qty', type: 'number', min: 1, step: 1, value: 1, inputmode: 'numeric' }),
        h('button', { type: 'button', class: 'link', onclick: onRemove, 'aria-label': 'Retirer cette mention manuscrite' }, 'Retirer'),
      ),
    ),
  );
}

/** The row of a line's safety signals, right under it (null when it has none). */
export function alertsOf(row) {
  const next = row.nextElementSibling;
  return next?.classList.contains('line-alerts-row') ? next : null;
}

/** Refusals whose remedy is a box to tick on the line (the caret goes there). */
const ACKNOWLEDGEMENT_PROBLEMS = new Set(['LOT_RECALL_NOT_ACKNOWLEDGED', 'SECURE_PRESCRIPTION_NOT_CHECKED', 'NARCOTIC_OVERLAP_NOT_ACKNOWLEDGED']);

/** Marks the line the API named (problem.lineId) and puts the caret in its quantity (or its box to tick). */
export function highlightLine(container, lineId, code = null) {
  for (const row of container.querySelectorAll('tr.line.at-fault')) row.classList.remove('at-fault');
  const row = [...container.querySelectorAll('tr.line')].find((r) => r.dataset.lineId === lineId);
  if (!row) return false;
  row.classList.add('at-fault');
  const field = row.querySelector('input[name="quantity"]');
  field?.setAttribute('aria-invalid', 'true');
  row.scrollIntoView({ block: 'nearest' });
  const box = ACKNOWLEDGEMENT_PROBLEMS.has(code) ? alertsOf(row)?.querySelector('input[name="ack"]:not(:checked)') : null;
  (box ?? field)?.focus();
  return true;
}
