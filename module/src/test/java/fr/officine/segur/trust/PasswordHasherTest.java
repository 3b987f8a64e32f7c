package fr.officine.segur.trust;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  // fewer rounds for speed where the count does not matter; the default is checked separately
  final PasswordHasher fast = new PasswordHasher(1_000);

  @Test
  void the_right_password_verifies_and_a_wrong_one_does_not() {
    String stored = fast.hash("titulaire".toCharArray());

    assertThat(fast.verify("titulaire".toCharArray(), stored)).isTrue();
    assertThat(fast.verify("Titulaire".toCharArray(), stored)).isFalse();
    assertThat(fast.verify("".toCharArray(), stored)).isFalse();
  }

  @Test
  void the_default_uses_pbkdf2_sha256_with_at_least_210000_iterations() {
    String stored = new PasswordHasher().hash("x".toCharArray());

    String[] parts = stored.split("\\$");
    assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
    assertThat(Integer.parseInt(parts[1])).isGreaterThanOrEqualTo(210_000);
  }

  @Test
  void each_hash_has_its_own_salt() {
    String a = fast.hash("same".toCharArray());
    String b = fast.hash("same".toCharArray());

    assertThat(a.split("\\$")[2]).isNotEqualTo(b.split("\\$")[2]);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void the_iteration_count_is_read_from_the_stored_value() {
    String stored = fast.hash("pw".toCharArray());

    assertThat(new PasswordHasher(5).verify("pw".toCharArray(), stored)).isTrue();
  }

  @Test
  void a_tampered_or_malformed_stored_value_never_matches() {
    String stored = fast.hash("pw".toCharArray());
    String[] p = stored.split("\\$");
    String otherHash = fast.hash("other".toCharArray()).split("\\$")[3];

    assertThat(fast.verify("pw".toCharArray(), p[0] + "$" + p[1] + "$" + p[2] + "$" + otherHash))
        .isFalse();
    assertThat(fast.verify("pw".toCharArray(), "plain-text")).isFalse();
    assertThat(fast.verify("pw".toCharArray(), "pbkdf2-sha256$0$AAAA$AAAA")).isFalse();
    assertThat(fast.verify("pw".toCharArray(), "pbkdf2-sha256$x$AAAA$AAAA")).isFalse();
    assertThat(fast.verify("pw".toCharArray(), "md5$1$AAAA$AAAA")).isFalse();
  }

  @Test
  void an_unknown_login_costs_a_verification_and_never_succeeds() {
    assertThat(fast.verifyNothing("decoy".toCharArray())).isFalse();
  }
}
