package fr.officine.segur.trust;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.pki.TestPki;
import fr.officine.segur.trust.PharmacyCredentials.Signing;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module uses the organisation certificates the authority issued; it makes none of its own. */
class PharmacyCredentialsTest {
  static TestPki pki;

  @BeforeAll
  static void issue() {
    pki = TestPki.temporary(Clock.systemUTC());
  }

  @AfterAll
  static void remove() {
    pki.close();
  }

  @Test
  void the_signing_key_is_the_installed_igc_sante_organisation_certificate() {
    Signing signing = new PharmacyCredentials(pki.issuedDirectory()).signing("690100011");

    assertThat(signing.certificate().getSubjectX500Principal().getName())
        .contains("CN=INSI-AUTO", "OU=1690100011", "O=Pharmacie du Marché");
    assertThat(signing.chain()).hasSize(3);
    assertThat(signing.chain().get(1)).isEqualTo(pki.organisationsCa());
    assertThat(signing.chain().get(2)).isEqualTo(pki.root());
  }

  @Test
  void the_installed_pharmacies_are_those_with_a_certificate_file() {
    PharmacyCredentials credentials = new PharmacyCredentials(pki.issuedDirectory());

    assertThat(credentials.installed()).containsExactly("690100011", "690100029");
    assertThat(credentials.trustAnchors()).containsExactly(pki.root());
  }

  @Test
  void an_unchanged_file_is_read_once() {
    PharmacyCredentials credentials = new PharmacyCredentials(pki.issuedDirectory());

    assertThat(credentials.signing("690100029")).isSameAs(credentials.signing("690100029"));
  }
}
