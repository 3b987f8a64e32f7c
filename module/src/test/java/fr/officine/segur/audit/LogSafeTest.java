package fr.officine.segur.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {
  @Test
  void an_ins_in_a_path_is_masked_in_the_log_and_other_identifiers_stay_readable() {
    assertThat(LogSafe.path("/api/v1/identity/patients/275126322074974"))
        .isEqualTo("/api/v1/identity/patients/2*********749");
    assertThat(LogSafe.path("/api/v1/identity/patients/2751263220749/qualification"))
        .isEqualTo("/api/v1/identity/patients/2*********749/qualification");
    assertThat(LogSafe.path("/api/v1/identity/patients/155082A004031"))
        .isEqualTo("/api/v1/identity/patients/1*********031");
    assertThat(LogSafe.path("/api/v1/prescriptions/01S2TBPZ2JCNZZYGHZ"))
        .isEqualTo("/api/v1/prescriptions/01S2TBPZ2JCNZZYGHZ");
    assertThat(LogSafe.path("/api/v1/prescriptions/012345678901234567"))
        .isEqualTo("/api/v1/prescriptions/012345678901234567");
  }

  @Test
  void only_exception_classes_are_logged_never_their_messages() {
    var e = new IllegalStateException("password=secret", new RuntimeException("275126322074974"));
    assertThat(LogSafe.causes(e))
        .isEqualTo("java.lang.IllegalStateException <- java.lang.RuntimeException")
        .doesNotContain("secret");
  }
}
