// Turns any failure into what the counter shows: one French sentence and one suggested action
// (issue 5 §7). The sentence comes from the API's catalogue (api/.../problem/ProblemType.java);
// the action is the page's, because it depends on what the pharmacist can do on this screen.

export const ACTIONS = Object.freeze({
  MALFORMED_REQUEST: 'Rechargez la page puis recommencez.',
  NOT_FOUND: 'Rechargez la page (le module a peut-être été mis à jour), puis recommencez.',
  METHOD_NOT_ALLOWED: 'Rechargez la page (le module a peut-être été mis à jour), puis recommencez.',
  NOT_ACCEPTABLE: 'Rechargez la page (le module a peut-être été mis à jour), puis recommencez.',
  IDEMPOTENCY_KEY_REQUIRED: 'Rechargez la page puis recommencez.',
  IDEMPOTENCY_KEY_REUSED: 'Cliquez de nouveau sur « Enregistrer la délivrance ».',
  REQUEST_IN_PROGRESS: 'Patientez quelques secondes, puis rouvrez l’ordonnance (Échap puis Entrée).',
  PAYLOAD_TOO_LARGE: 'Recadrez la photo, ou tapez le numéro imprimé sous le QR code.',
  REQUEST_TOO_LARGE: 'Rechargez la page puis recommencez ; si cela se répète, contactez le support.',
  FIELD_TOO_LONG: 'Raccourcissez le texte du champ indiqué, puis recommencez.',
  IMAGE_TOO_COMPLEX: 'Reprenez la photo avec l’appareil du poste, ou tapez le numéro imprimé sous le QR code.',
  UNSUPPORTED_MEDIA_TYPE: 'Utilisez une photo PNG ou JPEG, ou tapez le numéro.',
  SCAN_UNREADABLE: 'Tapez les 18 caractères imprimés sous le QR code, puis Entrée.',
  SCAN_NOT_A_PRESCRIPTION: 'Scannez le QR code de l’ordonnance numérique, ou tapez son numéro.',
  IMAGE_TOO_LARGE: 'Recadrez la photo, ou tapez le numéro imprimé sous le QR code.',
  SCAN_BUSY: 'Réessayez dans un instant, ou tapez le numéro imprimé sous le QR code.',
  BOX_CODE_INVALID: 'Scannez de nouveau le DataMatrix de la boîte ; sinon saisissez le lot à la main.',
  BOX_EXPIRED: 'Prenez une autre boîte non périmée, puis scannez-la.',
  BOX_LOT_RECALLED: 'Prenez une boîte d’un autre lot, puis scannez-la.',
  INVALID_IDENTIFIER: 'Vérifiez le numéro saisi (18 lettres et chiffres).',
  PRESCRIPTION_NOT_FOUND: 'Vérifiez le numéro saisi (18 lettres et chiffres), puis Entrée.',
  PRESCRIPTION_EXPIRED: 'Ne délivrez pas : orientez le patient vers son prescripteur.',
  PRESCRIPTION_CLOSED: 'Rien à délivrer : rendez l’ordonnance au patient.',
  OVER_DELIVERY: 'Les restes viennent d’être relus dans la base : vérifiez la ligne surlignée, puis enregistrez.',
  UNKNOWN_LINE: 'L’ordonnance vient d’être relue : vérifiez les lignes, puis enregistrez.',
  SUBSTITUTION_FORBIDDEN: 'Délivrez le produit prescrit sur la ligne surlignée.',
  UNKNOWN_PRODUCT_LINE: 'Délivrez la ligne surlignée comme « produit inconnu de la base » (case de la ligne), puis enregistrez.',
  RECONCILIATION_NOT_FOUND: 'Rechargez la liste des lignes à régulariser.',
  LOT_RECALL_NOT_ACKNOWLEDGED: 'Lisez le rappel sur la ligne surlignée et cochez-le, ou mettez 0, puis enregistrez.',
  SECURE_PRESCRIPTION_NOT_CHECKED: 'Vérifiez l’ordonnance sécurisée papier, cochez-le sur la ligne surlignée, puis enregistrez.',
  NARCOTIC_OVERLAP_NOT_ACKNOWLEDGED: 'Ne délivrez que sur mention expresse du prescripteur : cochez-la sur la ligne surlignée, ou mettez 0.',
  NARCOTIC_FRACTION_EXCEEDED: 'Délivrez seulement la fraction en cours (quantité proposée sur la ligne surlignée).',
  NARCOTIC_LATE_PRESENTATION: 'Délivrez seulement la quantité proposée sur la ligne surlignée.',
  EXECUTION_CONFLICT: 'Rouvrez l’ordonnance pour voir ce qui a été enregistré.',
  DISPENSATION_NOT_FOUND: 'Rouvrez l’ordonnance pour voir ce qui a été enregistré.',
  DISPENSATION_NOT_RECORDED: 'Délivrez sur l’ordonnance papier, ou « Réessayer maintenant ».',
  DISPENSATION_IN_DOUBT: 'Ne la refaites pas : le module demande à la base et vous le dit dans le bandeau.',
  DISPENSATION_RECORDED_BY_BASE: 'Rien à refaire : la délivrance compte pour le patient.',
  EPRESCRIPTION_UNAVAILABLE:
    'Réessayez dans un instant ; en attendant, délivrez sur l’ordonnance papier.',
  EPRESCRIPTION_REFUSED: 'Vérifiez la saisie ; si le refus persiste, contactez le support.',
  INSI_UNAVAILABLE:
    'Réessayez dans un instant ; en attendant, gardez l’identité provisoire (pas d’envoi au DMP).',
  INSI_REFUSED: 'Contactez le support en donnant le code entre crochets.',
  IDENTITY_TRAITS_INVALID: 'Corrigez les traits tels qu’écrits sur la pièce d’identité, puis relancez.',
  IDENTITY_NOT_RETRIEVED: 'Interrogez d’abord l’INSi avec les traits de la pièce d’identité.',
  IDENTITY_DOCUMENT_REFUSED:
    'Demandez une carte d’identité, un passeport ou un titre de séjour et comparez-le aux traits INS.',
  UNAUTHENTICATED: 'Reconnectez-vous.',
  BAD_CREDENTIALS: 'Vérifiez l’identifiant et le mot de passe (attention aux majuscules).',
  LOGIN_DELAYED: 'Patientez le temps indiqué, puis retapez le mot de passe avec attention.',
  LOGIN_LOCKED: 'Attendez l’heure indiquée ou demandez au titulaire de vérifier les connexions refusées.',
  FORBIDDEN: 'Demandez à un pharmacien de faire cette action.',
  DATABASE_UNAVAILABLE: 'Patientez quelques secondes, puis recommencez la même action.',
  INTERNAL_ERROR: 'Réessayez ; si le problème persiste, contactez le support.',
  CPS_READER_UNAVAILABLE: 'Branchez le lecteur de carte CPS, ou connectez-vous avec votre identifiant.',
  CPS_CARD_REFUSED: 'Insérez une carte CPS valide (non expirée), puce vers le haut.',
  CPS_PIN_INCORRECT: 'Retapez le code PIN de la carte avec attention : la carte se bloque après trop d’essais.',
  CPS_HOLDER_UNKNOWN: 'Demandez au titulaire de créer votre compte dans l’officine.',
  CPS_PIN_LAST_TRY: 'Vérifiez votre code PIN, puis confirmez ce dernier essai ; sinon connectez-vous par identifiant.',
  CPS_WORKSTATION_REFUSED: 'Connectez-vous par identifiant sur ce poste, ou utilisez le poste qui porte le lecteur.',
  EXPORT_NOT_FOUND: 'Relancez l’export des données depuis le bouton « Exporter les données ».',
  EXPORT_NOT_READY: 'Patientez : le bouton proposera le téléchargement quand l’archive sera prête.',
  EXPORT_FAILED: 'Relancez l’export ; si l’échec se répète, contactez le support.',
  EXPORT_GONE: 'Relancez l’export des données pour obtenir une nouvelle archive.',
  ARCHIVE_TOO_LARGE: 'Contactez le support : l’archive dépasse la taille que ce module accepte.',
  IMPORT_ARCHIVE_INVALID: 'Vérifiez que le fichier est bien l’archive zip téléchargée depuis « Exporter les données ».',
  IMPORT_ARCHIVE_UNSAFE: 'N’importez que l’archive zip téléchargée depuis « Exporter les données », sans la modifier.',
  IMPORT_CHECKSUM_MISMATCH: 'Téléchargez de nouveau l’archive d’origine (celle-ci est abîmée ou modifiée), puis réimportez-la.',
  IMPORT_FORMAT_UNSUPPORTED: 'Mettez à jour le module, puis réimportez l’archive.',
  IMPORT_OTHER_PHARMACY: 'Importez l’archive de votre pharmacie, connecté comme son titulaire.',
  IMPORT_PHARMACY_NOT_EMPTY: 'Importez dans une installation neuve du module, où cette pharmacie n’a encore rien.',
  ORGANISATION_CERTIFICATE_MISSING:
    'Prévenez votre responsable informatique (certificat de la pharmacie à installer) ; en attendant, délivrez sur l’ordonnance papier.',
  ORGANISATION_CERTIFICATE_INVALID:
    'Prévenez votre responsable informatique (certificat de la pharmacie à renouveler) ; en attendant, délivrez sur l’ordonnance papier.',
  // the cachet signs DMP documents only: the counter records, the DMP sends wait in the outbox
  ORGANISATION_SIGNING_CERTIFICATE_MISSING:
    'Prévenez votre responsable informatique (certificat de cachet de la pharmacie à installer) ; les envois au DMP attendent et partiront ensuite.',
});

const DEFAULT_ACTION = 'Réessayez ; si le problème persiste, contactez le support.';

/**
 * @param {import('./api.js').ApiError|Error} error
 * @returns {{sentence: string, action: string, lineId: string|null, code: string|null}}
 */
export function describe(error) {
  switch (error?.kind) {
    case 'network':
      return {
        sentence: 'Le module ne répond pas.',
        action: 'Vérifiez que le module est démarré et le réseau branché, puis réessayez.',
        lineId: null,
        code: null,
      };
    case 'unauthenticated':
      return { sentence: 'Session expirée.', action: 'Reconnectez-vous.', lineId: null, code: null };
    case 'problem': {
      const p = error.problem;
      return {
        sentence: oneSentence(p.title, p.detail),
        action: ACTIONS[p.code] ?? DEFAULT_ACTION,
        lineId: p.lineId ?? null,
        code: p.code ?? null,
      };
    }
    default:
      return {
        sentence: 'Le module a rencontré une erreur inattendue.',
        action: DEFAULT_ACTION,
        lineId: null,
        code: null,
      };
  }
}

/**
 * The catalogue's title is always French and meant for the counter; the detail adds the
 * particulars (which line, how many remain) when the server gave some. Anything that looks like
 * a trace or a payload is left out: the pharmacist must never read one.
 */
function oneSentence(title, detail) {
  const base = (title ?? '').trim() || 'Le module a refusé la demande.';
  const extra = (detail ?? '').trim();
  if (!extra || extra === base || looksTechnical(extra)) return base;
  return `${base.replace(/[.\s]+$/, '')} : ${extra}`;
}

function looksTechnical(text) {
  return (
    text.length > 300 ||
    /[{}<>]|\bat [\w.$]+\(|Exception|Error:|\bnull\b|\bHTTP\b|\n/.test(text)
  );
}
