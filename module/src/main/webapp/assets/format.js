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

// JDV_CompletudeDispensation_CISIS (shared/DOMAIN-FACTS.md §1.4).
export const COMPLETENESS_WORDS = Object.freeze({
  FFC: 'première délivrance, complète',
  FFP: 'première délivrance, partielle',
  RFP: 'délivrance suivante, partielle',
  RFC: 'délivrance suivante, complète',
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

export function boxes(n) {
  return `${n} boîte${Math.abs(n) > 1 ? 's' : ''}`;
}
