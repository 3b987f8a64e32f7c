// After recording: what became of each send (DMP, DP, the message to the prescriber) with its reason,
// and the documents.
import { h } from './dom.js';

const TARGET_WORDS = Object.freeze({
  EPRESCRIPTION: 'Base ordonnance numérique',
  DMP: 'DMP',
  DP: 'DP',
  MSSANTE: 'Message au prescripteur (MSSanté)',
});
const STATE_WORDS = Object.freeze({
  PENDING: 'en attente d’envoi — nouvel essai automatique',
  // queued, never tried yet: no attempt failed, so no « nouvel essai » (walk of 2026-12-04: the DP
  // line said it for a second, then « pas de Dossier Pharmaceutique » at its first attempt)
  PENDING_FIRST: 'en cours d’envoi',
  SENT: 'envoyé',
  REFUSED: 'refusé',
  NOT_APPLICABLE: 'non envoyé',
  NOT_RECORDED: 'NON enregistrée',
  IN_DOUBT: 'en attente de confirmation de la base',
  // the page is asking for the message to the prescriber: it is not queued yet (no send row)
  ASKING: 'demande en cours',
});

/** What the sends box says of a send's state. */
export function stateWords(send) {
  const state = send.state === 'PENDING' && !(send.attempts > 0) ? 'PENDING_FIRST' : send.state;
  return STATE_WORDS[state] ?? send.state;
}

/**
 * A reason is shown as the service gave it unless it is a transport detail (« HTTP 503 sans
 * message SOAP »…): the pharmacist reads what it means (issue 10 §2).
 */
function reasonWords(send) {
  const reason = send.reason ?? '';
  if (!/\bHTTP\b|SOAP|Exception|[{}<>]/.test(reason)) return reason;
  return send.state === 'PENDING' ? 'service indisponible pour l’instant' : '';
}

/**
 * The sends the box lists. While the page asks for the message to the prescriber (the box ticked,
 * the prescription changed), the message has no send yet: it is listed as asked, so the box does not
 * leave it out for the time of the request (walk of 2026-12-04: the MSSanté line appeared a moment
 * after the others, as if none were to go).
 */
export function shownSends(dispensation, { asking = false } = {}) {
  const sends = dispensation.sends ?? [];
  if (!asking || sends.some((s) => s.target === 'MSSANTE')) return sends;
  return [...sends, { target: 'MSSANTE', state: 'ASKING' }];
}

/**
 * @param {{remaining?: boolean, asking?: boolean}} options remaining: something is left to deliver
 *   (else no slip to print); asking: the message to the prescriber is being asked for (shownSends)
 */
export function renderSends(dispensation, { onPdf, onPrintDetail, onPrintSlip }, { remaining = true, asking = false } = {}) {
  const sends = shownSends(dispensation, { asking });
  const links = dispensation.links ?? {};
  return h(
    'div',
    { class: 'sends', id: 'sends', dataset: { dispensationId: dispensation.dispensationId } },
    h('h3', { class: 'small-title' }, 'Envois de cette délivrance'),
    h(
      'ul',
      { class: 'send-list' },
      sends.map((s) =>
        h(
          'li',
          { id: `send-${s.target}`, class: `send send-${s.state}`, dataset: { state: s.state } },
          h('strong', {}, `${TARGET_WORDS[s.target] ?? s.target} : `),
          stateWords(s),
          reasonWords(s) && h('span', { class: 'small muted' }, ` — ${reasonWords(s)}`),
        ),
      ),
      sends.length === 0 && h('li', { class: 'muted' }, 'Aucun envoi prévu.'),
    ),
    h(
      'p',
      { class: 'print-actions' },
      h('button', { type: 'button', id: 'print-detail', class: 'secondary', 'aria-keyshortcuts': 'Alt+D', onclick: onPrintDetail }, 'Imprimer le détail (verso de l’ordonnance)'),
      remaining &&
        h('button', { type: 'button', id: 'print-slip', class: 'secondary', 'aria-keyshortcuts': 'Alt+S', onclick: onPrintSlip }, 'Imprimer le reste à délivrer'),
      links['document.pdf'] &&
        h('button', { type: 'button', id: 'open-document', class: 'link', onclick: () => onPdf(pdfPath(links['document.pdf'])) }, 'Voir le document de délivrance (PDF)'),
    ),
  );
}

/** The API gives links relative to /api/v1 or absolute: keep the part after "api/v1/". */
export function pdfPath(link) {
  const i = link.indexOf('api/v1/');
  return i >= 0 ? link.slice(i + 'api/v1/'.length) : link.replace(/^\//, '');
}

/**
 * Prints a PDF in one action: loaded in a hidden frame, then the frame's print() (the browser's
 * print dialog, the PDF as is); or shown in a new tab when printing is not asked.
 */
export function openPdf(blob, frame, print, done = () => {}) {
  const url = URL.createObjectURL(blob);
  if (!print) {
    window.open(url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return;
  }
  frame.onload = () => {
    try {
      frame.contentWindow.print();
    } catch {
      window.open(url, '_blank', 'noopener'); // a browser refusing frame printing: the tab prints
    } finally {
      done(); // the keyboard goes back to the page (the PDF frame must not keep it)
    }
  };
  const previous = frame.dataset.url;
  frame.dataset.url = url;
  frame.src = url;
  if (previous) URL.revokeObjectURL(previous);
}
