// The counter page: log in, scan, consult, record. Keyboard first: the scan field has the caret
// whenever nothing else needs it, Enter opens, Ctrl+Enter or F9 records, Escape comes back.
import { createApi, newIdempotencyKey, sessionStore } from './api.js';
import { h } from './dom.js';
import { boxes, personName, roleWords } from './format.js';
import { describe } from './messages.js';
import { highlightLine, isOpen, remains, renderDmpStatus, renderPrescription, renderReopen } from './prescription.js';
import { collectRequest } from './dispense-form.js';
import { changesPrescription } from './dispensation-request.js';
import { asScannablePicture, attachPictureDrop, attachScanField } from './scan.js';
import { attachHealth } from './health.js';
import { attachPresence } from './presence.js';
import { attachWebcam } from './webcam.js';
import { openPdf, renderSends } from './recorded.js';
import { attachIdentity, followDmpSend } from './identity.js';
import { attachReconciliations } from './reconciliation.js';
import { attachDataExport } from './export.js';
import { attachBoxScan } from './box.js';
import { attachPharmacyEvents, followSends } from './live.js';
import { attachInDoubt, notRecordedRetry } from './doubt.js';
import { attachNotices } from './notices.js';
import { isBoxProblem, keepsKey, pictureAction, restOf, STALE_SCREEN } from './outcome.js';

const $ = (id) => document.getElementById(id);
const ui = {
  loginSection: $('login'),
  loginForm: $('login-form'),
  loginId: $('login-id'),
  loginPassword: $('login-password'),
  loginSubmit: $('login-submit'),
  counter: $('counter'),
  sessionBar: $('session-bar'),
  sessionWho: $('session-who'),
  logout: $('logout'),
  scanForm: $('scan-form'),
  scan: $('scan'),
  pictureButton: $('picture-button'),
  picture: $('picture'),
  message: $('message'),
  problem: $('problem'),
  slot: $('prescription-slot'),
  overlay: $('drop-overlay'),
  health: $('health'),
  baseDown: $('base-down'),
  reconciliations: $('reconciliations'),
  dataExportButton: $('data-export-button'),
  dataExport: $('data-export'),
  inDoubtBanner: $('in-doubt-banner'),
  inDoubtList: $('in-doubt-list-slot'),
  recorded: $('recorded'),
  printFrame: $('print-frame'),
  presence: $('presence'),
  webcamButton: $('webcam-button'),
  webcamPanel: $('webcam-panel'),
};

// A picture that cannot be read must never leave the pharmacist stuck: the number is printed
// under the QR code, so the page says so at once and puts the caret where to type it.
const PICTURE_FAILED = 'QR illisible ? Tapez le numéro.';

const { say, complain, quiet } = attachNotices({ message: ui.message, problem: ui.problem });

const state = {
  view: null, // the PrescriptionView on screen
  // The dispensation being sent: its key is reused only to retry the very same body after no
  // (or an uncertain) answer, so a retry can never record twice nor reuse a key for other content.
  pending: null, // {number, body, key}
  submitting: false,
  askingMessage: null, // the dispensation whose message to the prescriber is being asked for
  loggedOut: false, // the pharmacist logged out: a late 401 (poll, stream) must not say "expired"
};

const api = createApi({
  onUnauthenticated: () => {
    if (!state.loggedOut) showLogin('Session expirée.', 'Reconnectez-vous.');
  },
});
const health = attachHealth({ bar: ui.health, banner: ui.baseDown, api, complain: (d) => complain(d) });
// The product reference for substitution (BDPM, GET /products): search and the generic group.
const products = { search: (q) => api.products(q), substitutes: (cip13) => api.substitutes(cip13) };
const reconciliations = attachReconciliations({
  slot: ui.reconciliations,
  api,
  complain: (d) => complain(d),
  say: (sentence, action) => say(sentence, action),
});
const dataExport = attachDataExport({
  button: ui.dataExportButton,
  slot: ui.dataExport,
  api,
  complain: (d) => complain(d),
  say: (sentence, action) => say(sentence, action),
});
const presence = attachPresence({ slot: ui.presence, api, onDispensation: colleagueDispensed });
// INS qualification from the prescription (identity.js): INSi, then the identity document seen.
const identity = attachIdentity({ api, onQualified: insQualified });
// A medicine box's DataMatrix scanned into the same field fills its line (box.js).
const boxScan = attachBoxScan({
  products,
  say: (sentence, action, options) => say(sentence, action, options),
  complain: (d) => complain(d),
});
// Dispensations the base has not settled (doubt.js) and the pharmacy's live stream (live.js):
// the sends box, the in-doubt banner and list, and the status bar follow what really happens.
const inDoubt = attachInDoubt({
  banner: ui.inDoubtBanner,
  list: ui.inDoubtList,
  api,
  complain: (d) => complain(d),
});
const sendsBox = followSends({
  api,
  shown: () => state.recorded?.dispensationId ?? null,
  render: (dispensation) => drawSends(dispensation),
});
/**
 * A burst of events (several sends attempted at once) re-draws the status bar once, a moment
 * later: each re-draw replaces its « Réessayer » button under the pharmacist's pointer.
 */
let healthTimer = null;
function refreshHealthSoon() {
  if (healthTimer) return;
  healthTimer = setTimeout(() => {
    healthTimer = null;
    health.refresh();
  }, 300);
}
const live = attachPharmacyEvents({
  api,
  onEvent: (name, data) => {
    sendsBox.event(name, data);
    if (name === 'dispensation') inDoubt.event(data);
    // an in-doubt one settled as recorded on the prescription on screen: what remains changed
    if (name === 'dispensation' && data.settledAt && data.status === 'RECORDED' && state.view?.number === data.prescriptionNumber && !state.submitting) {
      openPrescription(data.prescriptionNumber).catch(() => {});
    }
    refreshHealthSoon(); // « Aucun envoi en attente d'un service » follows the same facts as the box
  },
  onConnected: () => {
    sendsBox.caughtUp();
    inDoubt.refresh();
  },
});

// ---------------------------------------------------------------- session

function showLogin(sentence, action) {
  clearPrescription(); // patient data must not stay on screen once the session is gone
  reconciliations.clear();
  dataExport.stop();
  live.stop();
  inDoubt.clear();
  webcam.close();
  health.stop();
  ui.counter.hidden = true;
  ui.sessionBar.hidden = true;
  ui.loginSection.hidden = false;
  ui.loginPassword.value = '';
  const box = $('login-message') ?? h('div', { id: 'login-message', class: 'problem', role: 'alert' });
  box.replaceChildren(...(sentence ? [h('p', { class: 'sentence' }, sentence), action && h('p', { class: 'action' }, action)] : []));
  ui.loginForm.prepend(box);
  (ui.loginId.value ? ui.loginPassword : ui.loginId).focus();
}

function showCounter(session) {
  const who = session.professional ?? {};
  const pharmacy = session.pharmacy ?? {};
  ui.sessionWho.textContent = `Connecté : ${personName(who.firstName, who.lastName)} — ${pharmacy.name ?? ''} (${roleWords(who.role)})`;
  ui.loginSection.hidden = true;
  ui.sessionBar.hidden = false;
  ui.counter.hidden = false;
  quiet();
  health.start();
  reconciliations.refresh();
  dataExport.show(who.role);
  live.start();
  focusScan();
}

ui.loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const login = ui.loginId.value.trim();
  const password = ui.loginPassword.value;
  if (!login || !password) {
    showLogin('Identifiant et mot de passe sont obligatoires.', 'Remplissez les deux champs puis Entrée.');
    return;
  }
  ui.loginSubmit.disabled = true;
  try {
    const session = await api.openSession(login, password);
    state.loggedOut = false;
    sessionStore.save(session);
    ui.loginPassword.value = '';
    showCounter(session);
  } catch (error) {
    const { sentence, action } = describe(error);
    showLogin(sentence, action);
  } finally {
    ui.loginSubmit.disabled = false;
  }
});

ui.logout.addEventListener('click', async () => {
  // Best effort: the page forgets the token whatever the server answers (or if it is down).
  state.loggedOut = true;
  presence.stop(); // says "left" while the session still works
  health.stop();
  await api.closeSession().catch(() => {});
  sessionStore.clear();
  ui.loginId.value = '';
  showLogin('Vous êtes déconnecté.', 'Identifiant et mot de passe pour reprendre.');
});

// ---------------------------------------------------------------- scan

function focusScan() {
  ui.scan.focus();
  ui.scan.select();
}

/**
 * @param {{locked?: boolean}} options locked: just recorded, the form stays closed until the
 *     pharmacist re-opens it (a second F9 never delivers the rest by accident)
 */
async function openPrescription(number, { locked = false } = {}) {
  const view = await api.prescription(number);
  showPrescription(view, { locked });
  return view;
}

function showPrescription(view, { locked = false } = {}) {
  state.view = view;
  state.pending = null;
  state.locked = locked;
  const section = renderPrescription(view, { products, locked });
  if (locked && remains(view)) {
    section.append(
      renderReopen(() => {
        if (state.view !== view) return;
        showPrescription(view);
        const first = ui.slot.querySelector('input[name="quantity"]');
        first?.focus();
      }),
    );
  }
  ui.slot.replaceChildren(section);
  showInsStatus(view);
  presence.watch(view.number);
  health.refresh();
  const form = $('dispense-form');
  form?.addEventListener('submit', onDispense);
  form?.addEventListener('keydown', enterMovesOn);
}

/** A new scan replaces what is on screen at once: a failed scan must not leave the previous
 * patient's prescription there to be delivered by mistake. */
function clearPrescription() {
  presence.stop();
  state.view = null;
  state.pending = null;
  state.recorded = null;
  ui.slot.replaceChildren();
  ui.recorded.replaceChildren();
  delete ui.recorded.dataset.dispensationId;
}

/** INS qualified or not, asked of the identity feature without a click; never blocks the screen. */
async function showInsStatus(view) {
  const ins = view.patient?.ins;
  if (!ins) return;
  // One thing said, the button beside it says how (issue 10 §4)
  let text = 'INS non qualifié — vérifiez l’identité';
  let qualified = false;
  try {
    const insIdentity = await api.identity(ins);
    qualified = insIdentity.status === 'QUALIFIEE';
    if (qualified) text = `INS qualifié${insIdentity.qualifiedBy ? ` par ${insIdentity.qualifiedBy}` : ''}.`;
  } catch (error) {
    if (error.kind === 'unauthenticated') return;
    if (error.kind === 'network') text = 'Statut de l’INS inconnu : le module ne répond pas.';
  }
  const slot = $('ins-status');
  if (!slot || state.view !== view) return; // another prescription is on screen now
  slot.textContent = text;
  slot.className = `ins-status ${qualified ? 'ins-ok' : 'ins-warn'}`;
  slot.dataset.qualified = String(qualified);
  identity.offer(view, { qualified });
}

/** The INS status is read again, and the DMP send of the dispensation on screen followed until it left. */
function insQualified() {
  if (state.view) {
    showInsStatus(state.view);
    refreshDmpStatus(state.view);
  }
  const shown = state.recorded?.dispensationId;
  if (shown) {
    followDmpSend(api, shown, (dispensation) => {
      if (state.recorded?.dispensationId !== shown) return false;
      drawSends(dispensation);
      return true;
    });
  }
  focusScan();
}

/**
 * The consult did not query the DMP for an unqualified INS (INS_NOT_QUALIFIED): once qualified, the
 * prescription is consulted again for its real DMP status, and only the DMP line is replaced so the
 * quantities the pharmacist typed stay.
 */
async function refreshDmpStatus(view) {
  if (view.dmp?.state !== 'INS_NOT_QUALIFIED') return;
  let fresh;
  try {
    fresh = await api.prescription(view.number);
  } catch {
    return; // the DMP line keeps saying "non consulté"; the next scan reads it again
  }
  const line = $('dmp-status');
  if (!line || state.view !== view) return; // another prescription is on screen now
  view.dmp = fresh.dmp;
  line.replaceWith(renderDmpStatus(fresh.dmp));
}

async function openScanned(result) {
  if (result.kind !== 'E_PRESCRIPTION' || !result.prescriptionNumber) {
    complain({
      sentence: 'Ce code n’est pas celui d’une ordonnance numérique.',
      action: 'Scannez le QR code de l’ordonnance, ou tapez son numéro.',
    });
    return false;
  }
  let view;
  try {
    view = await openPrescription(result.prescriptionNumber);
  } catch (error) {
    // the number tried (possibly repaired from an AZERTY douchette) is what the pharmacist checks
    if (error.problem?.code === 'PRESCRIPTION_NOT_FOUND') {
      complain({
        sentence: `Aucune ordonnance numérique ne porte le numéro ${result.prescriptionNumber}.`,
        action: 'Vérifiez le numéro imprimé sous le QR code (18 lettres et chiffres), puis Entrée.',
      });
      return false;
    }
    throw error;
  }
  if (isOpen(view)) quiet();
  else {
    const expired = view.status === 'EXPIRED';
    say(
      `Ordonnance ${expired ? 'expirée' : 'entièrement délivrée'} : aucune délivrance possible.`,
      expired ? 'Orientez le patient vers son prescripteur.' : 'Rendez l’ordonnance au patient.',
      { warn: true },
    );
  }
  return true;
}

/** Says "looking…" only if the answer is slow (a cold base): a fast answer does not flicker. */
function slowNotice(sentence) {
  const timer = setTimeout(() => say(sentence), 300);
  return () => clearTimeout(timer);
}

async function onScanText(text) {
  quiet();
  const stop = slowNotice('Recherche de l’ordonnance…');
  try {
    const result = await api.scanText(text);
    // A box scanned while the prescription is open: the prescription stays, the box goes on its line.
    if (result.kind === 'MEDICINE_BOX') return await boxScan.scanned(result, state.view);
    clearPrescription();
    const opened = await openScanned(result);
    // Shows the number as the base knows it (e.g. repaired from AZERTY), unless a newer scan is
    // already in the field.
    if (opened && ui.scan.value === text) ui.scan.value = state.view.number;
    return opened;
  } catch (error) {
    // A failed scan must not leave the previous patient's prescription to be delivered by mistake;
    // a misread box code is not a new patient.
    if (!isBoxProblem(error)) clearPrescription();
    if (error.kind === 'unauthenticated') return false;
    // a base that did not answer turns its light red at once, and its banner says what to do
    await health.refresh();
    if (error.problem?.code === 'EPRESCRIPTION_UNAVAILABLE') {
      // one sentence: the banner above already says the base does not answer and what to do
      complain(
        ui.baseDown.hidden
          ? { sentence: 'Ordonnance non ouverte : la base ordonnance numérique ne répond pas.', action: 'Entrée pour réessayer ; en attendant, délivrez sur l’ordonnance papier.' }
          : { sentence: 'Ordonnance non ouverte.', action: 'Entrée pour réessayer dès que la base répond.' },
      );
    } else complain(describe(error));
    return false;
  } finally {
    stop();
  }
}

async function onPicture(file) {
  say('Lecture de l’image…');
  let result;
  try {
    result = await api.scanPicture(await asScannablePicture(file));
  } catch (error) {
    if (!isBoxProblem(error)) clearPrescription();
    if (error.kind === 'unauthenticated') return;
    // A busy or absent module is not an unreadable picture: say what it is.
    if (error.kind === 'network' || error.problem?.code === 'SCAN_BUSY' || isBoxProblem(error)) complain(describe(error));
    else complain({ sentence: PICTURE_FAILED, action: pictureAction(error) });
    focusScan();
    return;
  } finally {
    ui.picture.value = ''; // the same file may be chosen again
  }
  if (result.kind === 'MEDICINE_BOX') {
    await boxScan.scanned(result, state.view);
    return;
  }
  clearPrescription();
  try {
    if (await openScanned(result)) {
      ui.scan.value = state.view.number;
      scanner.opened();
    }
  } catch (error) {
    if (error.kind !== 'unauthenticated') complain(describe(error));
  }
  focusScan();
}

const scanner = attachScanField(ui.scan, onScanText);
ui.scanForm.addEventListener('submit', (event) => {
  // The "Ouvrir" button, for the mouse; Enter in the field is handled by the field itself.
  event.preventDefault();
  scanner.submit();
});
ui.pictureButton.addEventListener('click', () => ui.picture.click());
ui.picture.addEventListener('change', () => {
  const file = ui.picture.files?.[0];
  if (file) onPicture(file);
});
const webcam = attachWebcam({
  button: ui.webcamButton,
  panel: ui.webcamPanel,
  onFrame: (blob) => onPicture(blob),
  onFailure: (sentence, action) => {
    complain({ sentence, action });
    focusScan();
  },
  onClose: () => focusScan(),
});
attachPictureDrop(ui.overlay, (file) => {
  if (!ui.counter.hidden) onPicture(file);
});

// ---------------------------------------------------------------- dispensation

async function onDispense(event) {
  event.preventDefault();
  if (state.submitting || !state.view) return; // no double submit
  const form = event.currentTarget;
  const view = state.view;
  const { request, invalid } = collectRequest(form, view);
  if (invalid) {
    complain(invalid);
    invalid.field?.focus();
    return;
  }
  const body = JSON.stringify(request);
  // read before the form is replaced: the key is the pharmacist's choice for this recording
  const notify = Boolean($('notify-prescriber')?.checked) && changesPrescription(request, view);
  if (!state.pending || state.pending.number !== view.number || state.pending.body !== body) {
    state.pending = { number: view.number, body, key: newIdempotencyKey() };
  }
  const submit = $('dispense-submit');
  state.submitting = true;
  submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  say('Enregistrement de la délivrance…');
  let retryFocus = false;
  try {
    const dispensation = await api.dispense(view.number, request, state.pending.key);
    state.pending = null;
    const asking = notify && dispensation.status === 'RECORDED';
    state.askingMessage = asking ? dispensation.dispensationId : null;
    await showRecorded(dispensation, view);
    if (asking) await messagePrescriber(dispensation);
  } catch (error) {
    if (error.kind === 'unauthenticated') return;
    if (!keepsKey(error)) state.pending = null;
    if (noAnswer(error, view)) return;
    const described = describe(error);
    if (STALE_SCREEN.has(described.code)) {
      // What remains changed under this screen (a colleague delivered meanwhile): the base's
      // figures are read again before the pharmacist corrects anything.
      await openPrescription(view.number).catch(() => {});
    }
    complain(described);
    // The line at fault gets the caret; otherwise the button, to retry with one key.
    if (!(described.lineId && highlightLine(ui.slot, described.lineId, described.code))) retryFocus = true;
  } finally {
    state.submitting = false;
    if (submit.isConnected) submit.disabled = false;
    form.removeAttribute('aria-busy');
    if (retryFocus) ($('dispense-submit') ?? ui.scan).focus();
  }
}

/**
 * Enter in a field of the form goes to the next line's quantity, then to the button, like a
 * spreadsheet: a quantity typed and confirmed with Enter must not record the whole dispensation
 * (the browser's implicit submission would). Recording is Ctrl+Enter, F9, or Enter on the button.
 */
function enterMovesOn(event) {
  const field = event.target;
  if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || !field.matches('input, select')) return;
  event.preventDefault();
  const stops = [...event.currentTarget.querySelectorAll('input[name="quantity"], input[name="hwQuantity"], #dispense-submit')];
  const next = stops.find((el) => field.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  next?.focus();
  if (next instanceof HTMLInputElement) next.select();
}

/**
 * The base did not answer (issue 10 §1). NOT_RECORDED: said plainly with the one action left, and
 * the next recording is a new request (that one is final). IN_DOUBT: the banner that stays, with
 * the patient, the prescription and the time, until the base settles it.
 */
function noAnswer(error, view) {
  const p = error.problem;
  if (p?.dispensationStatus === 'NOT_RECORDED') {
    complain(describe(error));
    ui.problem.append(notRecordedRetry(() => $('dispense-form')?.requestSubmit()));
    return true;
  }
  if (p?.dispensationStatus === 'IN_DOUBT' && p.dispensationId) {
    ui.problem.replaceChildren();
    inDoubt.own(p.dispensationId, {
      patient: view.patient ? personName(view.patient.firstName, view.patient.birthName) : '',
      number: view.number,
      createdAt: new Date().toISOString(),
    });
    say('Délivrance en attente de confirmation de la base : voir le bandeau.', '', { warn: true });
    return true;
  }
  return false;
}

/**
 * The dispensation to the prescriber by MSSanté (issue 15 §3): asked once, then followed in the sends
 * box like the DMP and DP sends; a failure to ask is said, the dispensation itself stays recorded.
 */
async function messagePrescriber(dispensation) {
  const id = dispensation.dispensationId;
  try {
    await api.messagePrescriber(id, `message-${id}`);
  } catch (error) {
    if (error.kind !== 'unauthenticated') complain(describe(error));
  } finally {
    // asked, or failed to ask (said above): the box lists the sends as they are from now on
    if (state.askingMessage === id) state.askingMessage = null;
  }
  if (state.recorded?.dispensationId !== id) return;
  try {
    showSends(await api.dispensation(id), state.remaining);
  } catch {
    drawSends(state.recorded); // not re-read: at least no line for a message that was not asked
  }
}

/** Alt+M: the prescriber informed or not (the box of the record form, ticked by default). */
function toggleNotifyPrescriber() {
  const box = $('notify-prescriber');
  if (!box || box.disabled) return;
  box.checked = !box.checked;
  say(box.checked ? 'Le prescripteur sera informé si l’ordonnance est modifiée (MSSanté).' : 'Le prescripteur ne sera pas informé de cette délivrance.');
}

async function showRecorded(dispensation, before) {
  const labels = new Map(before.lines.map((l) => [l.lineId, l.product?.label ?? l.lineId]));
  const rests = (dispensation.lines ?? [])
    .map((l) => `${labels.get(l.lineId) ?? l.lineId} : ${l.remainingQuantity > 0 ? `reste ${boxes(l.remainingQuantity)}` : 'complet'}`)
    .join(' · ');
  const sentence = `Délivrance enregistrée${dispensation.localNumber ? ` (n° ${dispensation.localNumber})` : ''}.`;
  const refused = dispensation.status === 'REFUSED';
  state.recorded = dispensation;
  ui.recorded.dataset.dispensationId = dispensation.dispensationId; // for the LGO's automation and tests
  health.refresh();
  if ((dispensation.unknownProductLines ?? []).length > 0) reconciliations.refresh();
  try {
    // the base is the arbiter of what remains: ask it again; the form stays closed (re-open to deliver more)
    const after = await openPrescription(before.number, { locked: !refused });
    if (!refused) showSends(dispensation, remains(after));
    refused
      ? complain({ sentence: 'La base ordonnance numérique a refusé cette délivrance.', action: 'Vérifiez les quantités affichées et recommencez.' })
      : say(sentence, restOf(after));
  } catch (error) {
    if (error.kind === 'unauthenticated') return;
    if (!refused) showSends(dispensation, true);
    say(sentence, `${rests} (l’ordonnance n’a pas pu être rechargée : ${describe(error).sentence})`);
  }
  focusScan();
}

/** What became of the sends (DMP, DP) and the documents; the DMP send is re-read once shortly. */
const sendActions = {
  onPdf: (path) => printPdf(path, false),
  onPrintDetail: () => printDetail(),
  onPrintSlip: () => printSlip(),
};

/** Alt+D: the delivery detail of the dispensation just recorded, for the back of the paper. */
function printDetail() {
  if (state.recorded) printPdf(`dispensations/${encodeURIComponent(state.recorded.dispensationId)}/delivery-detail.pdf`);
}

/** Alt+S: the "reste à délivrer" of the prescription on screen, with its QR code. */
function printSlip() {
  if (state.view && remains(state.view)) printPdf(`prescriptions/${encodeURIComponent(state.view.number)}/remaining-slip.pdf`);
}

/**
 * The box follows the dispensation's sends until they are final (issue 10 §2): read again now
 * (a send may have left while the answer travelled), then on every event of the pharmacy's stream
 * about it (live.js). Before: one re-read 2 s later, then the box stayed as it was.
 */
function showSends(dispensation, remaining = true) {
  state.remaining = remaining;
  drawSends(dispensation);
  sendsBox.caughtUp();
}

/**
 * The box itself, as showSends and the live re-draws draw it (no « reste à délivrer » once nothing
 * remains); what it shows is the recorded dispensation from now on.
 */
function drawSends(dispensation) {
  state.recorded = dispensation;
  const asking = state.askingMessage === dispensation.dispensationId;
  ui.recorded.replaceChildren(renderSends(dispensation, sendActions, { remaining: state.remaining ?? true, asking }));
}

/** Fetches a PDF with the session token, then prints it (hidden frame) or shows it (new tab). */
async function printPdf(path, print = true) {
  try {
    const blob = await api.pdf(path);
    openPdf(blob, ui.printFrame, print, focusScan);
    if (print) say('Impression lancée.', 'Choisissez l’imprimante dans la fenêtre d’impression.');
  } catch (error) {
    if (error.kind !== 'unauthenticated') complain(describe(error));
  }
}

/**
 * A colleague's counter recorded a dispensation on the prescription on screen: the base is read
 * again at once, so this screen never offers what was just delivered. A form being filled is
 * replaced: its figures are no longer true.
 */
async function colleagueDispensed(event) {
  const view = state.view;
  if (!view || state.recorded?.dispensationId === event.dispensationId || state.submitting) return;
  try {
    await openPrescription(view.number, { locked: state.locked });
    say(
      `${event.by} vient d’enregistrer une délivrance sur cette ordonnance.`,
      'Les restes affichés viennent d’être relus dans la base.',
      { warn: true },
    );
  } catch (error) {
    if (error.kind !== 'unauthenticated') complain(describe(error));
  }
}

// ---------------------------------------------------------------- keyboard

document.addEventListener('keydown', (event) => {
  if (ui.counter.hidden) return;
  const form = $('dispense-form');
  if ((event.key === 'Enter' && (event.ctrlKey || event.metaKey)) || event.key === 'F9') {
    if (!form) return;
    event.preventDefault();
    form.requestSubmit();
    return;
  }
  if (event.altKey && !event.ctrlKey) {
    const action = {
      r: () => health.retry(),
      d: printDetail,
      s: printSlip,
      w: () => !ui.webcamButton.hidden && webcam.open(),
      i: () => identity.open(),
      m: toggleNotifyPrescriber,
    }[event.key.toLowerCase()];
    if (action) {
      event.preventDefault();
      action();
      return;
    }
  }
  if (event.key === 'F1') {
    // F1 rather than "?": the scan field nearly always has the keyboard, and "?" would be typed in it.
    event.preventDefault();
    const help = $('shortcuts');
    help.open = !help.open;
    if (help.open) help.scrollIntoView({ block: 'nearest' });
    return;
  }
  if (event.key === 'Escape') {
    for (const d of ui.slot.querySelectorAll('details[open]')) d.open = false;
    focusScan();
    return;
  }
  if (event.key === 'ArrowDown' && document.activeElement === ui.scan) {
    const first = ui.slot.querySelector('input[name="quantity"]');
    if (first) {
      event.preventDefault();
      first.focus();
      first.select();
    }
  }
});

// ---------------------------------------------------------------- start

const session = sessionStore.load();
if (session && !(session.expiresAt && Date.parse(session.expiresAt) <= Date.now())) showCounter(session);
else if (session) {
  sessionStore.clear();
  showLogin('Session expirée.', 'Reconnectez-vous.');
} else showLogin();
