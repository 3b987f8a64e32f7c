package fr.officine.segur.dmp;

import fr.officine.segur.api.id.Rpps;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import fr.officine.segur.dmp.document.DispensationDocumentData.Role;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.AuthMode;
import java.util.Optional;

/**
 * The pharmacist on whose behalf the DMP is called and who authors the dispensation document: the
 * acting account when it is a pharmacist with an RPPS (titulaire or adjoint: the VIHF names the
 * professional who acted), else (a préparateur) the pharmacy's titulaire. The rules behind the
 * exception:
 *
 * <ul>
 *   <li>Code de la santé publique, art. L4241-1: the préparateurs « sont seuls autorisés à seconder
 *       le titulaire de l'officine et les pharmaciens qui l'assistent dans la préparation et la
 *       délivrance au public des médicaments […] ; ils exercent leurs fonctions sous la
 *       responsabilité et le contrôle effectif d'un pharmacien » — the delivery is the pharmacist's
 *       act in law;
 *   <li>ANS, mapping VIHF (IG transmission document CDA-R2, {@code mapping.md}): {@code
 *       Subject/NameID} is « pour un utilisateur humain : identifiant du professionnel ; pour les
 *       traitements automatisés : identifiant de la personne responsable du traitement », and the
 *       role must be a profession of JDV_J65 with, for pharmacists, the CNOP sous-section
 *       (TRE_G05); a préparateur has neither a CNOP sous-section nor, in this module, a national PS
 *       identifier, and the DMP send leaves later from the outbox (an automated process);
 *   <li>the titulaire is the pharmacist responsible for the officine (CSP art. L5125-20), hence the
 *       one named when no other pharmacist is recorded as the préparateur's supervisor.
 * </ul>
 *
 * The person who served stays in the document itself (CDA performer), not in the VIHF.
 */
public final class Pharmacists {
  private Pharmacists() {}

  public static Optional<Professional> responsible(Account acting, Accounts accounts) {
    if (acting.rpps().isPresent() && acting.role() != fr.officine.segur.trust.Role.PREPARATEUR) {
      return Optional.of(professional(acting));
    }
    return accounts.titulaireOf(acting.pharmacy().finess()).map(Pharmacists::professional);
  }

  /**
   * How the pharmacist named in the VIHF ({@code responsible}) authenticated, when {@code acting}
   * opened the request with {@code actingMode}: DIRECTE only when the CPS card holder is the very
   * pharmacist named (a préparateur's request names the titulaire, whom no card authenticated).
   */
  public static AuthMode declaredMode(
      AuthMode actingMode, Account acting, Optional<Professional> responsible) {
    return AuthMode.declared(
        actingMode, acting.rpps(), responsible.flatMap(Professional::rpps).map(Rpps::value));
  }

  public static Professional professional(Account a) {
    return new Professional(
        a.rpps().map(Rpps::of), a.lastName(), a.firstName(), Role.valueOf(a.role().name()));
  }
}
