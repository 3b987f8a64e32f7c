package fr.officine.segur.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizerTest {
  static class Resource {
    public void consult() {}

    @Allowed({Role.TITULAIRE, Role.ADJOINT})
    public void pharmacistsOnly() {}

    @Performs(Action.AUDIT_READ)
    @Allowed(Role.PREPARATEUR)
    public void readAudit() {}

    @Performs(Action.DMP_STATUS)
    public void dmpStatus() {}
  }

  @Allowed(Role.TITULAIRE)
  static class TitulaireResource {
    public void anything() {}

    @Allowed({Role.PREPARATEUR})
    public void narrowedOnMethod() {}
  }

  @Test
  void without_annotation_every_role_may_consult_and_record() throws Exception {
    assertThat(Authorizer.allowedRoles(Resource.class.getMethod("consult")))
        .isEqualTo(EnumSet.allOf(Role.class));
    for (Role role : Role.values()) {
      Authorizer.check(role, Authorizer.allowedRoles(Resource.class.getMethod("consult")));
    }
  }

  @Test
  void a_role_outside_the_allowed_ones_is_forbidden_with_a_403_problem() throws Exception {
    var allowed = Authorizer.allowedRoles(Resource.class.getMethod("pharmacistsOnly"));

    Authorizer.check(Role.ADJOINT, allowed);
    assertThatThrownBy(() -> Authorizer.check(Role.PREPARATEUR, allowed))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.FORBIDDEN);
              assertThat(p.type().status()).isEqualTo(403);
              assertThat(p.detail()).contains("titulaire").contains("adjoint");
            });
  }

  @Test
  void the_method_annotation_wins_over_the_class_annotation() throws Exception {
    assertThat(Authorizer.allowedRoles(TitulaireResource.class.getMethod("anything")))
        .containsExactly(Role.TITULAIRE);
    assertThat(Authorizer.allowedRoles(TitulaireResource.class.getMethod("narrowedOnMethod")))
        .containsExactly(Role.PREPARATEUR);
  }

  @Test
  void
      the_matrix_gives_pharmacists_everything_and_keeps_the_preparateur_out_of_the_audit_and_admin() {
    // the pharmacy's whole data, taken out or brought in (issue 15 §4): its owner's alone
    Set<Action> titulaireOnly =
        EnumSet.of(
            Action.DATA_EXPORT,
            Action.DATA_EXPORT_READ,
            Action.DATA_EXPORT_DOWNLOAD,
            Action.DATA_IMPORT);
    for (Action action : Action.values()) {
      assertThat(action.allows(Role.TITULAIRE)).as(action.name()).isTrue();
      assertThat(action.allows(Role.ADJOINT))
          .as(action.name())
          .isEqualTo(!titulaireOnly.contains(action));
    }
    assertThat(EnumSet.allOf(Action.class).stream().filter(a -> !a.allows(Role.PREPARATEUR)))
        .containsExactlyInAnyOrder(
            Action.AUDIT_READ,
            Action.AUDIT_VERIFY,
            Action.OUTBOX_ADMIN,
            Action.DMP_DOCUMENTS,
            // settling a line unknown to the base (billing outside the e-prescription) is a
            // pharmacist's call
            Action.RECONCILIATION_RESOLVE,
            // who is being guessed, from which address: the pharmacists' watch (issue 11 §6)
            Action.LOGIN_FAILURES_READ,
            // an in-doubt dispensation settled (checked, or cancelled once the base confirms it
            // never recorded it) decides what the patient got: a pharmacist's call (issue 10 §1)
            Action.DISPENSATION_SETTLE,
            Action.DATA_EXPORT,
            Action.DATA_EXPORT_READ,
            Action.DATA_EXPORT_DOWNLOAD,
            Action.DATA_IMPORT);
  }

  @Test
  void the_action_of_the_matrix_wins_over_allowed_and_names_itself_in_the_refusal()
      throws Exception {
    var method = Resource.class.getMethod("readAudit");
    assertThat(Authorizer.allowedRoles(method))
        .containsExactlyInAnyOrder(Role.TITULAIRE, Role.ADJOINT);
    assertThatThrownBy(() -> Authorizer.check(Role.PREPARATEUR, method))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> assertThat(p.detail()).startsWith("Consulter le journal des accès : réservé à"));
    // profession 21 habilitation decided for the counter: the préparateur sees the DMP status
    Authorizer.check(Role.PREPARATEUR, Resource.class.getMethod("dmpStatus"));
  }

  @Test
  void the_bearer_scheme_is_case_insensitive_and_nothing_else_is_a_token() {
    assertThat(AuthenticationFilter.bearerToken("Bearer abc")).contains("abc");
    assertThat(AuthenticationFilter.bearerToken("bearer abc")).contains("abc");
    assertThat(AuthenticationFilter.bearerToken("Basic dXNlcjpwYXNz")).isEmpty();
    assertThat(AuthenticationFilter.bearerToken("Bearer ")).isEmpty();
    assertThat(AuthenticationFilter.bearerToken("Bearer    ")).isEmpty();
    assertThat(AuthenticationFilter.bearerToken(null)).isEmpty();
  }
}
