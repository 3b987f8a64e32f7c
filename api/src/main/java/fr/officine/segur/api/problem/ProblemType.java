package fr.officine.segur.api.problem;

import java.net.URI;

/**
 * The closed catalogue of problems the API answers (RFC 9457). Each constant carries the HTTP
 * status, the stable {@code type} URI an LGO can switch on, and the French sentence shown at the
 * counter. National error codes are mapped onto these constants at the border of each client.
 */
public enum ProblemType {
  // --- request shape
  MALFORMED_REQUEST(400, "malformed-request", "La requête est mal formée."),
  IDEMPOTENCY_KEY_REQUIRED(
      400, "idempotency-key-required", "L'en-tête Idempotency-Key est obligatoire pour cet envoi."),
  IDEMPOTENCY_KEY_REUSED(
      422,
      "idempotency-key-reused",
      "Cette clé d'envoi a déjà servi pour une autre délivrance : générez une nouvelle clé."),
  REQUEST_IN_PROGRESS(
      409,
      "request-in-progress",
      "Cette délivrance est déjà en cours d'envoi depuis un autre poste ou un double clic : patientez."),
  NOT_FOUND(404, "not-found", "Cette adresse n'existe pas dans l'API du module."),
  METHOD_NOT_ALLOWED(
      405, "method-not-allowed", "Cette opération n'est pas possible à cette adresse."),
  NOT_ACCEPTABLE(
      406, "not-acceptable", "Le format de réponse demandé n'est pas disponible (JSON)."),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "Le fichier envoyé est trop volumineux."),
  REQUEST_TOO_LARGE(
      413,
      "request-too-large",
      "Requête trop volumineuse : elle est refusée sans être lue. Vérifiez les données envoyées."),
  FIELD_TOO_LONG(
      422, "field-too-long", "Un texte envoyé est trop long : raccourcissez le champ indiqué."),
  UNSUPPORTED_MEDIA_TYPE(
      415, "unsupported-media-type", "Ce type de contenu n'est pas accepté (texte, PNG ou JPEG)."),

  // --- scan
  SCAN_UNREADABLE(
      422,
      "scan-unreadable",
      "QR illisible : tapez le numéro de l'ordonnance imprimé sous le code."),
  SCAN_NOT_A_PRESCRIPTION(
      422,
      "scan-not-a-prescription",
      "Ce code n'est pas un numéro d'ordonnance numérique (18 lettres et chiffres)."),
  IMAGE_TOO_LARGE(
      413,
      "image-too-large",
      "L'image est trop grande : recadrez ou réduisez la photo (max. 20 Mpx)."),
  IMAGE_TOO_COMPLEX(
      422,
      "image-too-complex",
      "Image trop coûteuse à décoder (JPEG aux passes anormalement nombreuses) : reprenez la photo ou tapez le numéro."),
  SCAN_BUSY(
      503,
      "scan-busy",
      "Trop d'images en cours d'analyse : réessayez dans un instant ou tapez le numéro."),
  BOX_CODE_INVALID(
      422,
      "box-code-invalid",
      "Code DataMatrix de la boîte invalide : ce n'est pas le code GS1 d'une boîte de médicament."),

  // --- the boxes delivered (lot, expiry, serial from the box's DataMatrix)
  BOX_EXPIRED(422, "box-expired", "Boîte périmée : ne la délivrez pas, prenez-en une autre."),
  BOX_LOT_RECALLED(
      409,
      "box-lot-recalled",
      "Lot rappelé (DP-Rappels) : ne délivrez pas cette boîte, mettez-la de côté pour le retour."),

  // --- identifiers
  INVALID_IDENTIFIER(422, "invalid-identifier", "Identifiant invalide."),

  // --- prescription
  PRESCRIPTION_NOT_FOUND(
      404, "prescription-not-found", "Aucune ordonnance numérique ne porte ce numéro."),
  PRESCRIPTION_EXPIRED(
      409,
      "prescription-expired",
      "Ordonnance expirée : la première délivrance doit avoir lieu dans les 3 mois."),
  PRESCRIPTION_CLOSED(
      409,
      "prescription-closed",
      "Ordonnance entièrement délivrée : elle ne peut plus être délivrée."),
  OVER_DELIVERY(
      409, "over-delivery", "Quantité supérieure à ce qui reste à délivrer sur cette ligne."),
  UNKNOWN_LINE(422, "unknown-line", "Cette ligne n'existe pas sur l'ordonnance."),
  SUBSTITUTION_FORBIDDEN(
      409,
      "substitution-forbidden",
      "Substitution impossible : le prescripteur a indiqué « non substituable »."),
  EXECUTION_CONFLICT(
      409,
      "execution-conflict",
      "Cette délivrance a déjà été transmise avec un contenu différent."),
  DISPENSATION_NOT_FOUND(404, "dispensation-not-found", "Délivrance introuvable."),
  UNKNOWN_PRODUCT_LINE(
      409,
      "unknown-product-line",
      "Produit inconnu de la base : délivrez cette ligne comme « produit inconnu de la base », elle sera régularisée."),
  RECONCILIATION_NOT_FOUND(404, "reconciliation-not-found", "Ligne à régulariser introuvable."),
  DISPENSATION_NOT_RECORDED(
      503,
      "dispensation-not-recorded",
      "Délivrance NON enregistrée : la base ordonnance numérique n'a pas été jointe, rien ne lui sera renvoyé plus tard."),
  DISPENSATION_IN_DOUBT(
      503,
      "dispensation-in-doubt",
      "Délivrance en attente de confirmation : la base n'a pas répondu après l'envoi. Ne la refaites pas : le module vérifie auprès de la base."),
  DISPENSATION_RECORDED_BY_BASE(
      409,
      "dispensation-recorded-by-base",
      "La base a enregistré cette délivrance : elle ne peut pas être annulée."),

  // --- safety signals on a line (issue 10 §3): refused until the pharmacist acts
  LOT_RECALL_NOT_ACKNOWLEDGED(
      409,
      "lot-recall-not-acknowledged",
      "Rappel de lot sur ce produit : prenez-en connaissance sur la ligne avant d'enregistrer."),
  SECURE_PRESCRIPTION_NOT_CHECKED(
      409,
      "secure-prescription-not-checked",
      "Stupéfiant : vérifiez l'ordonnance sécurisée papier et cochez-le sur la ligne avant d'enregistrer."),
  NARCOTIC_OVERLAP_NOT_ACKNOWLEDGED(
      409,
      "narcotic-overlap-not-acknowledged",
      "Chevauchement : une délivrance précédente de ce stupéfiant couvre encore la période."),
  NARCOTIC_FRACTION_EXCEEDED(
      409,
      "narcotic-fraction-exceeded",
      "Stupéfiant à délivrance fractionnée : pas plus que la fraction en cours."),
  NARCOTIC_LATE_PRESENTATION(
      409,
      "narcotic-late-presentation",
      "Ordonnance de stupéfiant présentée plus de 3 jours après sa rédaction : seulement le traitement restant à courir."),

  // --- national services
  EPRESCRIPTION_UNAVAILABLE(
      503,
      "eprescription-unavailable",
      "La base ordonnance numérique ne répond pas. Réessayez dans un instant ; rien n'a été délivré en double."),
  EPRESCRIPTION_REFUSED(
      502, "eprescription-refused", "La base ordonnance numérique a refusé la demande."),
  ORGANISATION_CERTIFICATE_MISSING(
      503,
      "organisation-certificate-missing",
      "Certificat de l'organisation non installé : les services nationaux ne peuvent pas être appelés. Prévenez votre responsable informatique."),
  ORGANISATION_SIGNING_CERTIFICATE_MISSING(
      503,
      "organisation-signing-certificate-missing",
      "Certificat de cachet de l'organisation non installé : les délivrances ne peuvent pas être signées pour le DMP. Prévenez votre responsable informatique."),
  ORGANISATION_CERTIFICATE_INVALID(
      502,
      "organisation-certificate-invalid",
      "Certificat de l'organisation refusé (expiré, révoqué ou non reconnu) : les services nationaux ne peuvent pas être appelés. Prévenez votre responsable informatique."),

  // --- identity (INS, INSi)
  INSI_UNAVAILABLE(
      503,
      "insi-unavailable",
      "Le téléservice INSi ne répond pas. Réessayez dans un instant ; en attendant l'identité reste provisoire."),
  INSI_REFUSED(
      502,
      "insi-refused",
      "Le téléservice INSi a refusé la demande : contactez votre éditeur ou votre responsable informatique."),
  IDENTITY_TRAITS_INVALID(
      422,
      "identity-traits-invalid",
      "Traits d'identité invalides : noms en lettres (tiret, apostrophe ou espace entre deux noms), sexe M ou F, date AAAA-MM-JJ."),
  IDENTITY_NOT_RETRIEVED(
      409,
      "identity-not-retrieved",
      "Cette INS n'a pas été récupérée par l'INSi par cette pharmacie : interrogez l'INSi avant de qualifier l'identité."),
  IDENTITY_DOCUMENT_REFUSED(
      422,
      "identity-document-refused",
      "Identité non qualifiée : il faut une pièce à haut niveau de confiance dont les traits correspondent à ceux de l'INS."),

  // --- who is calling
  UNAUTHENTICATED(401, "unauthenticated", "Session absente ou expirée : reconnectez-vous."),
  BAD_CREDENTIALS(401, "bad-credentials", "Identifiant ou mot de passe incorrect."),
  LOGIN_DELAYED(
      429,
      "login-delayed",
      "Trop d'essais de connexion manqués : patientez quelques secondes avant de réessayer."),
  LOGIN_LOCKED(
      423,
      "login-locked",
      "Connexion verrouillée temporairement après trop d'essais manqués : réessayez plus tard ou prévenez le titulaire."),
  FORBIDDEN(403, "forbidden", "Votre rôle ne permet pas cette action."),
  // --- CPS card (DIRECTE mode)
  CPS_READER_UNAVAILABLE(
      503,
      "cps-reader-unavailable",
      "Aucun lecteur PC/SC : branchez le lecteur de carte CPS ou connectez-vous par identifiant."),
  CPS_CARD_REFUSED(422, "cps-card-refused", "Carte refusée : insérez une carte CPS valide."),
  CPS_PIN_INCORRECT(401, "cps-pin-incorrect", "Code PIN de la carte CPS incorrect."),
  CPS_PIN_LAST_TRY(
      409,
      "cps-pin-last-try",
      "Dernier essai du code PIN avant le blocage de la carte CPS : vérifiez le code, puis confirmez ce dernier essai."),
  CPS_WORKSTATION_REFUSED(
      403,
      "cps-workstation-refused",
      "La connexion par carte CPS se fait sur le poste qui porte le lecteur : connectez-vous par identifiant ici."),
  CPS_HOLDER_UNKNOWN(
      403,
      "cps-holder-unknown",
      "Le porteur de cette carte CPS n'a pas de compte dans cette officine."),

  // --- the pharmacy's data: export and import (issue 15 §4, SONS portability clause)
  EXPORT_NOT_FOUND(
      404,
      "export-not-found",
      "Aucun export des données de cette pharmacie ne porte cet identifiant."),
  EXPORT_NOT_READY(
      409, "export-not-ready", "L'archive n'est pas encore prête : l'export est en cours."),
  EXPORT_FAILED(409, "export-failed", "L'export des données a échoué : relancez-le."),
  EXPORT_GONE(
      410,
      "export-gone",
      "L'archive n'est plus disponible sur ce serveur (délai de conservation passé) : relancez un export."),
  ARCHIVE_TOO_LARGE(
      413,
      "archive-too-large",
      "Archive trop volumineuse pour ce module : elle est refusée sans être lue."),
  IMPORT_ARCHIVE_INVALID(
      422,
      "import-archive-invalid",
      "Archive refusée : ce n'est pas une archive d'export officine-segur lisible ; rien n'a été importé."),
  IMPORT_ARCHIVE_UNSAFE(
      422,
      "import-archive-unsafe",
      "Archive refusée sans être décompressée : chemin, taille ou nombre de fichiers hors limites ; rien n'a été importé."),
  IMPORT_CHECKSUM_MISMATCH(
      422,
      "import-checksum-mismatch",
      "Archive refusée : un fichier ne correspond pas à son empreinte SHA-256 (archive abîmée ou modifiée) ; rien n'a été importé."),
  IMPORT_FORMAT_UNSUPPORTED(
      422,
      "import-format-unsupported",
      "Archive refusée : sa version de format est inconnue de ce module ; rien n'a été importé."),
  IMPORT_OTHER_PHARMACY(
      403,
      "import-other-pharmacy",
      "Archive refusée : elle contient les données d'une autre pharmacie que la vôtre."),
  IMPORT_PHARMACY_NOT_EMPTY(
      409,
      "import-pharmacy-not-empty",
      "Import refusé : cette pharmacie a déjà des données sur ce module ; l'import se fait dans une installation vide."),

  // --- the module itself
  DATABASE_UNAVAILABLE(
      503,
      "database-unavailable",
      "La base de données du module redémarre ou ne répond pas : réessayez dans un instant."),
  INTERNAL_ERROR(500, "internal-error", "Erreur interne du module : l'incident est tracé.");

  /** Where the problem types are documented; the path segment is the stable part. */
  public static final String TYPE_BASE = "https://officine-segur.fr/problems/";

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  /** The French sentence for the pharmacist. */
  public String title() {
    return title;
  }

  public URI type() {
    return URI.create(TYPE_BASE + slug);
  }
}
