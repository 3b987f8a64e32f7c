package fr.officine.segur.identity;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.identity.IdentityStatus;
import fr.officine.segur.api.identity.IdentityTraitsView;
import fr.officine.segur.api.identity.InsView;
import fr.officine.segur.api.identity.InsiLookupView;
import fr.officine.segur.api.identity.PatientIdentityView;

/** The identity feature's records as the REST API shows them. */
final class IdentityViews {
  private IdentityViews() {}

  static InsiLookupView lookup(InsiLookup.Outcome outcome) {
    InsiAnswer answer = outcome.answer();
    return new InsiLookupView(
        answer.code().wire(),
        answer.code().message(),
        outcome.queries(),
        answer.identity().map(i -> ins(i.ins())).orElse(null),
        answer.identity().map(IdentityViews::traits).orElse(null));
  }

  static PatientIdentityView patient(PatientIdentities.Row row) {
    boolean qualified = row.status() == IdentityStatus.QUALIFIEE;
    return new PatientIdentityView(
        ins(row.identity().ins()),
        row.status(),
        traits(row.identity()),
        qualified ? row.qualifiedByName().orElse(null) : null,
        qualified ? row.qualifiedAt().map(Object::toString).orElse(null) : null,
        qualified ? row.document().map(Enum::name).orElse(null) : null,
        qualified
            ? "Identité qualifiée : l'INS peut être utilisée et partagée (DMP)."
            : "Identité récupérée par l'INSi, non qualifiée : vérifiez une pièce d'identité à haut niveau de confiance.");
  }

  static PatientIdentityView provisional(Ins typed) {
    return new PatientIdentityView(
        new InsView(typed.matricule(), typed.key(), null),
        IdentityStatus.PROVISOIRE,
        null,
        null,
        null,
        null,
        "Identité provisoire : aucune INS récupérée par l'INSi pour ce numéro par cette pharmacie.");
  }

  static InsView ins(Ins ins) {
    return new InsView(ins.matricule(), ins.key(), ins.oid());
  }

  static IdentityTraitsView traits(RetrievedIdentity i) {
    return new IdentityTraitsView(
        i.birthName(),
        i.firstNames(),
        i.firstNames().isEmpty() ? null : i.firstNames().get(0),
        i.sex(),
        i.birthDate().toString(),
        i.birthPlace().orElse(null));
  }
}
