// What the counter concludes from an answer, without the DOM (issue 14 §7: tested by node --test):
// whether a retry must reuse the idempotency key, whether the screen is out of date, what remains.
import { boxes } from './format.js';
import { describe } from './messages.js';

/** Refusals meaning the prescription on screen is out of date. */
export const STALE_SCREEN = new Set(['OVER_DELIVERY', 'PRESCRIPTION_CLOSED', 'PRESCRIPTION_EXPIRED', 'UNKNOWN_LINE']);

/** No answer, or one saying "not yet": the outcome is unknown, so the retry must be the same request. */
export function keepsKey(error) {
  if (error.problem?.dispensationStatus === 'NOT_RECORDED') return false; // final: a retry is a new request
  return (
    error.kind === 'network' ||
    error.kind === 'unexpected' ||
    error.status >= 500 ||
    error.problem?.code === 'REQUEST_IN_PROGRESS'
  );
}

/**
 * What remains on the whole prescription as the base now has it: every line, not only those of
 * this dispensation (a line left for later still remains; saying only the delivered ones implied
 * nothing else was left).
 */
export function restOf(view) {
  const left = (view.lines ?? []).filter((l) => l.remainingQuantity > 0);
  if (left.length === 0) return 'Ordonnance entièrement délivrée.';
  return `Reste à délivrer — ${left.map((l) => `${l.product?.label ?? l.lineId} : reste ${boxes(l.remainingQuantity)}`).join(' · ')}`;
}

/** A code that is not a prescription's: a box code leaves the prescription on screen. */
export function isBoxProblem(error) {
  return error.problem?.code === 'BOX_CODE_INVALID';
}

/** The action after a picture that could not be read: the number is printed under the QR code. */
export function pictureAction(error) {
  const code = error.problem?.code;
  return code === 'IMAGE_TOO_LARGE' || code === 'PAYLOAD_TOO_LARGE'
    ? describe(error).action
    : 'Tapez les 18 caractères imprimés sous le QR code, puis Entrée.';
}
