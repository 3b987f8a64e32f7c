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
 * acting account when it is a pharmacist with an RPPS, else (a préparateur) the pharmacy's
 * titulaire, under whose responsibility the préparateur delivers.
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
  public static AuthMode declaredMode(AuthMode actingMode, Account acting, Optional<Professional> responsible) {
    return AuthMode.declared(
        actingMode, acting.rpps(), responsible.flatMap(Professional::rpps).map(Rpps::value));
  }

  public static Professional professional(Account a) {
    return new Professional(a.rpps().map(Rpps::of), a.lastName(), a.firstName(), Role.valueOf(a.role().name()));
  }
}
