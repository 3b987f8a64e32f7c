// French wording of the API's codes and values, in one place so the page never shows a raw code.

export const STATUS_WORDS = Object.freeze({
  OPEN: 'Ouverte',
  PARTIAL: 'Partiellement délivrée',
  COMPLETE: 'Entièrement délivrée',
  EXPIRED: 'Expirée',
});

// The labels of api/.../dispensation/NotDeliveredReason.java, same order: the closed list of the
// stand-in base. Kept here rather than fetched so the form works even before the first answer.
export const NOT_DELIVERED_REASONS = Object.freeze([
  ['RUPTURE_STOCK', 'Rupture de stock / produit indisponible'],
  ['REFUS_PATIENT', 'Refus du patient'],
  ['CONTRE_INDICATION', 'Contre-indication / opposition pharmaceutique'],
  ['DEJA_EN_POSSESSION', 'Le patient en possède déjà'],
  ['ERREUR_PRESCRIPTION', 'Erreur de prescription à clarifier avec le prescripteur'],
  ['AUTRE', 'Autre motif'],
]);

// JDV_CompletudeDispensation_CISIS (shared/DOMAIN-FACTS.md §1.4): what the pharmacist reads, never
// the code alone. "R" is any delivery after the first (a second partial one included), not a
// renewal of the prescription: « renouvellement » is said only for a line's renewal period.
export const COMPLETENESS_WORDS = Object.freeze({
  FFC: 'délivrance complète',
  FFP: 'délivrance partielle',
  RFP: 'délivrance partielle (suite)',
  RFC: 'délivrance complète (fin)',
});

const ROLE_WORDS = Object.freeze({
  TITULAIRE: 'titulaire',
  ADJOINT: 'adjoint',
  PREPARATEUR: 'préparateur',
});

export function statusWords(status) {
  return STATUS_WORDS[status] ?? 'État non reconnu';
}

export function reasonWords(code) {
  const found = NOT_DELIVERED_REASONS.find(([name]) => name === code);
  return found ? found[1] : 'Autre motif';
}

export function roleWords(role) {
  return ROLE_WORDS[role] ?? 'professionnel';
}

/** "Claire MARTIN": first name as given, family name upper-case as on French health documents. */
export function personName(firstName, lastName) {
  return [firstName, (lastName ?? '').toUpperCase()].filter(Boolean).join(' ');
}

/** LocalDate "2026-11-12" → "12/11/2026", without going through Date (no time-zone shift). */
export function frenchDate(isoDate) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '—';
}

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** OffsetDateTime → "12/11/2026 14:03", in the pharmacy's time zone. */
export function frenchDateTime(isoDateTime) {
  const date = new Date(isoDateTime ?? '');
  return Number.isNaN(date.getTime()) ? frenchDate(isoDateTime) : DATE_TIME.format(date);
}

/**
 * The INS is shown masked except its last 4 characters: enough for the pharmacist to check it
 * against the carte Vitale without displaying a full national identifier on a counter screen.
 */
export function maskedIns(ins) {
  const compact = (ins ?? '').replace(/\s+/g, '');
  if (compact.length <= 4) return compact;
  return '•'.repeat(compact.length - 4) + compact.slice(-4);
}

/** "0 boîte", "1 boîte", "2 boîtes": the French singular below 2. */
export function boxes(n) {
  return `${n} boîte${Math.abs(n) >= 2 ? 's' : ''}`;
}

/** "de DOLIPRANE", "d’AMOXICILLINE" (elision before a vowel or a mute h). */
export function of(label) {
  const text = String(label ?? '').trim();
  if (!text) return 'de ce produit';
  const first = text[0].normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return `${'aeiouyh'.includes(first) ? 'd’' : 'de '}${text}`;
}

/** "1 boîte d’AMOXICILLINE", "2 boîtes de DOLIPRANE". */
export function boxesOf(n, label) {
  return `${boxes(n)} ${of(label)}`;
}

/** "2 boîtes délivrées", "1 boîte délivrée": a participle agreeing with boxes. */
export function delivered(n) {
  return `${boxes(n)} ${Math.abs(n) >= 2 ? 'délivrées' : 'délivrée'}`;
}
