// Identity qualification at the counter (issue 4 §1): since only a qualified INS feeds the DMP, the
// pharmacist must be able to qualify it from the prescription screen, keyboard only: traits read on
// the identity document → INSi (the module tries each first name, then the list) → the document seen
// → "Qualifier l'INS". The server then releases this pharmacy's DMP sends waiting for it.
import { h } from './dom.js';
import { frenchDate, maskedIns } from './format.js';
import { describe } from './messages.js';

// api/.../IdentityDocumentType (module identity package), same names. The first group allows
// qualification (high-trust documents, RNIV); the second is listed because the pharmacist may have
// nothing else, and the server then says why it does not prove identity.
export const QUALIFYING_DOCUMENTS = Object.freeze([
  ['CNI', 'Carte nationale d’identité'],
  ['PASSEPORT', 'Passeport'],
  ['TITRE_SEJOUR', 'Titre de séjour'],
  ['ACTE_NAISSANCE', 'Extrait d’acte de naissance (mineur)'],
  ['LIVRET_FAMILLE', 'Livret de famille (mineur)'],
]);
export const OTHER_DOCUMENTS = Object.freeze([
  ['CARTE_VITALE', 'Carte Vitale'],
  ['PERMIS_CONDUIRE', 'Permis de conduire'],
  ['AUTRE', 'Autre document'],
]);
const SEX_WORDS = Object.freeze({ F: 'Féminin', M: 'Masculin' });
// The DMP send's reason code while it waits for the qualification (api SendReason).
const WAITS_FOR_QUALIFICATION = 'INS_NOT_QUALIFIED';

/**
 * "31/12/1975" (also 31.12.1975, 31 12 1975, 31121975) → "1975-12-31"; null when it is not a date
 * of the calendar.
 */
export function isoBirthDate(typed) {
  const m =
    /^\s*(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})\s*$/.exec(typed ?? '') ?? /^\s*(\d{2})(\d{2})(\d{4})\s*$/.exec(typed ?? '');
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const compact = (ins) => (ins ?? '').replace(/\s+/g, '').toUpperCase();
// As INSi compares names: upper case, no accents (the module normalises what is typed the same way).
const plain = (text) => (text ?? '').normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().trim();

/**
 * @param {{api: object, onQualified: (identity: object) => void}} hooks onQualified once the
 *     server qualified the INS (the page re-reads the INS status and the sends on screen)
 * @returns {{offer: Function, open: () => boolean, close: Function}}
 */
export function attachIdentity({ api, onQualified }) {
  let view = null; // the PrescriptionView whose patient the button and the panel are about

  /** Next to the INS status: the button while the INS is not qualified, nothing once it is. */
  function offer(prescription, { qualified }) {
    view = prescription;
    document.getElementById('insi-open-row')?.remove();
    if (qualified) return;
    const slot = document.getElementById('ins-status');
    slot?.after(
      h(
        'p',
        { id: 'insi-open-row', class: 'insi-open-row' },
        h(
          'button',
          {
            type: 'button',
            id: 'insi-open',
            class: 'secondary small-button',
            'aria-keyshortcuts': 'Alt+I',
            // aria-controls only while the panel exists: it must name an element (WCAG 4.1.2, axe
            // aria-valid-attr-value); aria-expanded says whether it is open
            'aria-expanded': 'false',
            onclick: () => open(),
          },
          'Vérifier l’identité (INSi)',
        ),
        h('span', { class: 'small muted' }, ' ', h('kbd', {}, 'Alt'), '+', h('kbd', {}, 'I')),
      ),
    );
  }

  /** Alt+I or the button: the panel under the patient, the caret where typing is needed. */
  function open() {
    if (!view || !document.getElementById('insi-open')) return false;
    let panel = document.getElementById('insi-panel');
    if (!panel) {
      panel = buildPanel(view);
      const people = document.querySelector('#prescription .people');
      if (!people) return false;
      people.after(panel);
    }
    const button = document.getElementById('insi-open');
    button.setAttribute('aria-controls', 'insi-panel');
    button.setAttribute('aria-expanded', 'true');
    const fields = [...panel.querySelectorAll('#insi-form input[required], #insi-form select[required]')];
    (fields.find((f) => !f.value.trim()) ?? panel.querySelector('#insi-lookup')).focus();
    return true;
  }

  function close() {
    document.getElementById('insi-panel')?.remove();
    const button = document.getElementById('insi-open');
    button?.removeAttribute('aria-controls');
    button?.setAttribute('aria-expanded', 'false');
  }

  function buildPanel(prescription) {
    const p = prescription.patient ?? {};
    const input = (id, name, value, attrs = {}) =>
      h('input', { id, name, value: value ?? '', autocomplete: 'off', spellcheck: 'false', ...attrs });
    const birthName = input('insi-birth-name', 'birthName', p.birthName, { required: true, class: 'text' });
    const firstNames = input('insi-first-names', 'firstNames', p.firstName, { required: true, class: 'text' });
    const sex = h(
      'select',
      { id: 'insi-sex', name: 'sex', required: true },
      h('option', { value: '' }, '—'),
      Object.entries(SEX_WORDS).map(([code, words]) => h('option', { value: code }, words)),
    );
    sex.value = p.sex in SEX_WORDS ? p.sex : '';
    const birthDate = input('insi-birth-date', 'birthDate', p.birthDate ? frenchDate(p.birthDate) : '', {
      required: true,
      class: 'date',
      placeholder: 'JJ/MM/AAAA',
      inputmode: 'numeric',
      maxlength: 10,
    });
    const birthPlace = input('insi-birth-place', 'birthPlace', '', { class: 'cog', maxlength: 5, placeholder: 'ex. 69123' });
    const lookupButton = h('button', { type: 'submit', id: 'insi-lookup', class: 'primary' }, 'Interroger l’INSi');
    const result = h('div', { id: 'insi-result', class: 'insi-result', 'aria-live': 'polite' });
    const field = (id, label, control) => h('div', { class: 'insi-field' }, h('label', { for: id }, label), control);
    const form = h(
      'form',
      { id: 'insi-form', class: 'insi-form', novalidate: true, 'aria-label': 'Traits de la pièce d’identité' },
      field('insi-birth-name', 'Nom de naissance', birthName),
      field('insi-first-names', 'Prénoms de naissance', firstNames),
      field('insi-sex', 'Sexe', sex),
      field('insi-birth-date', 'Date de naissance (JJ/MM/AAAA)', birthDate),
      field('insi-birth-place', 'Lieu de naissance (INSEE, facultatif)', birthPlace),
      h('div', { class: 'insi-field insi-submit' }, lookupButton, h('span', { class: 'small muted' }, 'chaque prénom, puis la liste')),
    );
    const panel = h(
      'section',
      // a non-modal dialog beside the prescription: its role tells a screen reader what opened
      { id: 'insi-panel', class: 'insi-panel', role: 'dialog', 'aria-labelledby': 'insi-title' },
      h(
        'header',
        { class: 'insi-head' },
        h('h3', { id: 'insi-title' }, 'Vérifier l’identité (INSi)'),
        h('span', { class: 'small muted' }, 'traits lus sur la pièce d’identité, prénoms dans l’ordre de l’état civil'),
        h('button', { type: 'button', id: 'insi-close', class: 'link', onclick: close }, 'Fermer (Échap)'),
      ),
      form,
      result,
    );
    // Escape closes the panel; app.js then gives the keyboard back to the scan field.
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close();
    });

    let busy = false;
    const say = (...nodes) => result.replaceChildren(...nodes);
    const problem = ({ sentence, action }, focus) => {
      say(h('div', { class: 'problem', id: 'insi-problem', role: 'alert' }, h('p', { class: 'sentence' }, sentence), action && h('p', { class: 'action' }, action)));
      focus?.focus();
      if (focus instanceof HTMLInputElement) focus.select();
    };

    function readTraits() {
      const names = firstNames.value.split(/[\s,;]+/).filter(Boolean);
      if (!birthName.value.trim()) return { invalid: { sentence: 'Le nom de naissance manque.', action: 'Recopiez-le depuis la pièce d’identité.' }, field: birthName };
      if (names.length === 0) return { invalid: { sentence: 'Le prénom de naissance manque.', action: 'Recopiez tous les prénoms de la pièce, dans l’ordre.' }, field: firstNames };
      if (!sex.value) return { invalid: { sentence: 'Le sexe manque.', action: 'Choisissez Féminin ou Masculin comme sur la pièce.' }, field: sex };
      const iso = isoBirthDate(birthDate.value);
      if (!iso) return { invalid: { sentence: 'Date de naissance non reconnue.', action: 'Tapez-la en JJ/MM/AAAA, par exemple 31/12/1975.' }, field: birthDate };
      return {
        traits: { birthName: birthName.value.trim(), firstNames: names, sex: sex.value, birthDate: iso, birthPlace: birthPlace.value.trim() || null },
      };
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      const { traits, invalid, field: at } = readTraits();
      if (invalid) {
        problem(invalid, at);
        return;
      }
      busy = true;
      form.setAttribute('aria-busy', 'true');
      say(h('p', { class: 'muted' }, 'Interrogation de l’INSi…'));
      try {
        const answer = await api.insi(traits);
        if (!panel.isConnected) return;
        showAnswer(answer, traits);
      } catch (error) {
        if (error.kind === 'unauthenticated' || !panel.isConnected) return;
        problem(describe(error), lookupButton); // Entrée retries
      } finally {
        busy = false;
        form.removeAttribute('aria-busy');
      }
    });

    function showAnswer(answer, typed) {
      if (answer.result === '01') {
        problem({ sentence: 'INSi 01 — aucune identité trouvée.', action: answer.message }, firstNames);
        return;
      }
      if (answer.result === '02') {
        problem({ sentence: 'INSi 02 — plusieurs identités : vérifiez les traits.', action: answer.message }, birthPlace);
        return;
      }
      if (answer.result !== '00' || !answer.ins) {
        problem({ sentence: 'Réponse de l’INSi non reconnue.', action: 'Réessayez ; si cela persiste, contactez le support.' }, lookupButton);
        return;
      }
      const t = answer.traits ?? {};
      const found = compact(`${answer.ins.matricule}${answer.ins.key}`);
      const onPrescription = compact(prescription.patient?.ins);
      const same = found === onPrescription && (!prescription.patient?.insOid || prescription.patient.insOid === answer.ins.oid);
      const differs = (a, b) => (a ?? '') !== (b ?? '');
      const trait = (label, value, changed) =>
        [h('dt', {}, label), h('dd', { class: changed ? 'differs' : null, title: changed ? 'Diffère de la saisie : l’INSi fait foi' : null }, value || '—')];
      say(
        h(
          'div',
          { id: 'insi-found', class: 'insi-found', dataset: { result: '00', sameIns: String(same) } },
          h('p', { class: 'sentence' }, 'INSi 00 — identité trouvée : comparez avec la pièce d’identité.'),
          h(
            'dl',
            { class: 'insi-traits', id: 'insi-traits' },
            trait('Nom de naissance', t.birthName, differs(t.birthName, plain(typed.birthName))),
            trait('Prénoms de naissance', (t.firstNames ?? []).join(' '), differs((t.firstNames ?? []).join(' '), plain(typed.firstNames.join(' ')))),
            trait('Sexe', SEX_WORDS[t.sex] ?? t.sex, differs(t.sex, typed.sex)),
            trait('Né(e) le', frenchDate(t.birthDate), differs(t.birthDate, typed.birthDate)),
            trait('Lieu de naissance', t.birthPlace, false),
            trait('INS', h('span', { class: 'mono' }, maskedIns(found)), !same),
          ),
          same
            ? [h('p', { class: 'insi-same', id: 'insi-same' }, 'Même INS que sur l’ordonnance.'), qualifyForm(answer.ins)]
            : h(
                'div',
                { class: 'problem', id: 'insi-mismatch', role: 'alert' },
                h(
                  'p',
                  { class: 'sentence' },
                  `L’INS renvoyée par l’INSi (${maskedIns(found)}) n’est pas celle de l’ordonnance (${maskedIns(onPrescription)}).`,
                ),
                h(
                  'p',
                  { class: 'action' },
                  'Vérifiez les traits saisis ; s’ils sont ceux de la pièce, ne qualifiez pas et signalez l’écart au prescripteur (le DMP ne sera pas alimenté).',
                ),
              ),
        ),
      );
      (document.getElementById('insi-document') ?? lookupButton).focus();
    }

    function qualifyForm(ins) {
      const documentType = h(
        'select',
        { id: 'insi-document', name: 'identityDocument', required: true },
        h('option', { value: '' }, '— pièce vue —'),
        h('optgroup', { label: 'Permettent de qualifier' }, QUALIFYING_DOCUMENTS.map(([code, words]) => h('option', { value: code }, words))),
        h('optgroup', { label: 'Ne permettent pas de qualifier' }, OTHER_DOCUMENTS.map(([code, words]) => h('option', { value: code }, words))),
      );
      const button = h('button', { type: 'submit', id: 'insi-qualify', class: 'primary' }, 'Qualifier l’INS');
      const qualify = h(
        'form',
        { id: 'insi-qualify-form', class: 'insi-qualify row', novalidate: true, 'aria-label': 'Qualification de l’INS' },
        h('label', { for: 'insi-document' }, 'Pièce d’identité vue'),
        documentType,
        button,
        h('span', { class: 'small muted' }, 'En qualifiant, vous attestez que les traits de la pièce sont ceux ci-dessus.'),
      );
      // Entrée on the list qualifies: choose with ↓, confirm with Entrée, one action.
      documentType.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
          event.preventDefault();
          qualify.requestSubmit();
        }
      });
      // Another document chosen: the refusal of the previous one no longer applies.
      documentType.addEventListener('change', () => {
        if (qualify.nextElementSibling?.id === 'insi-problem') qualify.nextElementSibling.remove();
      });
      const qualifyProblem = (described, focus) => {
        qualify.nextElementSibling?.remove();
        qualify.after(h('div', { class: 'problem', id: 'insi-problem', role: 'alert' }, h('p', { class: 'sentence' }, described.sentence), described.action && h('p', { class: 'action' }, described.action)));
        focus.focus();
      };
      qualify.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (busy) return;
        if (!documentType.value) {
          qualifyProblem({ sentence: 'Choisissez la pièce d’identité vue.', action: 'Carte d’identité, passeport ou titre de séjour (↓), puis Entrée.' }, documentType);
          return;
        }
        busy = true;
        button.disabled = true;
        try {
          const identity = await api.qualify(ins, documentType.value);
          if (!panel.isConnected) return;
          const words = [...QUALIFYING_DOCUMENTS, ...OTHER_DOCUMENTS].find(([code]) => code === identity.identityDocument)?.[1];
          panel.replaceChildren(
            h(
              'div',
              { id: 'insi-done', class: 'message insi-done', role: 'status' },
              h('p', { class: 'sentence' }, `INS qualifiée par ${identity.qualifiedBy ?? 'vous'}${words ? ` (${words.toLowerCase()})` : ''}.`),
              h('p', { class: 'action' }, 'Les envois au DMP de ce patient qui attendaient la qualification partent maintenant.'),
            ),
          );
          onQualified(identity);
        } catch (error) {
          if (error.kind === 'unauthenticated' || !panel.isConnected) return;
          qualifyProblem(describe(error), documentType);
        } finally {
          busy = false;
          if (button.isConnected) button.disabled = false;
        }
      });
      return qualify;
    }

    return panel;
  }

  return { offer, open, close };
}

/**
 * After a qualification: the dispensation on screen is re-read until its DMP send left the state
 * "waiting for the qualification" (the server reopens it at once; the outbox sends it within
 * seconds), so the pharmacist sees it go.
 * @param {(dispensation: object) => boolean} render shows it; false when that dispensation is no longer on screen
 */
export function followDmpSend(api, dispensationId, render, { tries = 20, everyMs = 1000 } = {}) {
  let left = tries;
  const settled = (d) => {
    const dmp = (d.sends ?? []).find((s) => s.target === 'DMP');
    return !dmp || (dmp.state !== 'PENDING' && !(dmp.state === 'NOT_APPLICABLE' && dmp.reasonCode === WAITS_FOR_QUALIFICATION));
  };
  const step = async () => {
    left -= 1;
    try {
      const dispensation = await api.dispensation(dispensationId);
      if (!render(dispensation) || settled(dispensation)) return;
    } catch {
      // the last state stays on screen; the health bar tells if the module is unreachable
    }
    if (left > 0) setTimeout(step, everyMs);
  };
  setTimeout(step, 300);
}
