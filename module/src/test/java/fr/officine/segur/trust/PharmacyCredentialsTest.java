package fr.officine.segur.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.sandbox.pki.TestPki;
import fr.officine.segur.trust.PharmacyCredentials.Signing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void the_authentication_key_is_the_installed_igc_sante_organisation_certificate() {
    Signing signing = new PharmacyCredentials(pki.issuedDirectory()).authentication("690100011");

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

    assertThat(credentials.authentication("690100029"))
        .isSameAs(credentials.authentication("690100029"));
    assertThat(credentials.seal("690100029")).isSameAs(credentials.seal("690100029"));
  }

  /** Two certificates, each for its use: TLS client authentication, and the seal that signs. */
  @Test
  void the_seal_is_the_structures_signing_certificate_not_the_authentication_one()
      throws Exception {
    PharmacyCredentials credentials = new PharmacyCredentials(pki.issuedDirectory());
    Signing seal = credentials.seal("690100011");
    Signing authentication = credentials.authentication("690100011");

    assertThat(seal.certificate()).isNotEqualTo(authentication.certificate());
    assertThat(seal.certificate().getSubjectX500Principal().getName())
        .contains("OU=1690100011", "CACHET");
    // KeyUsage bit 1 nonRepudiation for the seal; clientAuth only for the authentication
    // certificate
    assertThat(seal.certificate().getKeyUsage()[1]).isTrue();
    assertThat(seal.certificate().getExtendedKeyUsage()).isNull();
    assertThat(authentication.certificate().getKeyUsage()[1]).isFalse();
    assertThat(authentication.certificate().getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(seal.chain()).containsSubsequence(pki.organisationsCa(), pki.root());
  }

  @Test
  void a_missing_seal_is_a_problem_naming_the_file_to_install(@TempDir Path installed)
      throws Exception {
    for (String f : List.of("pharmacy-690100011.p12", "password", "trust-anchors.pem")) {
      Files.copy(pki.issuedDirectory().resolve(f), installed.resolve(f));
    }
    PharmacyCredentials credentials = new PharmacyCredentials(installed);

    assertThat(credentials.authentication("690100011")).isNotNull();
    assertThatThrownBy(() -> credentials.seal("690100011"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ProblemType.ORGANISATION_SIGNING_CERTIFICATE_MISSING);
              assertThat(e.getMessage()).contains("pharmacy-690100011-sign.p12", "cachet");
            });
  }

  @Test
  void the_authentication_certificate_installed_as_the_seal_is_refused(@TempDir Path installed)
      throws Exception {
    for (String f : List.of("pharmacy-690100011.p12", "password", "trust-anchors.pem")) {
      Files.copy(pki.issuedDirectory().resolve(f), installed.resolve(f));
    }
    Files.copy(
        pki.issuedDirectory().resolve("pharmacy-690100011.p12"),
        installed.resolve("pharmacy-690100011-sign.p12"));

    assertThatThrownBy(() -> new PharmacyCredentials(installed).seal("690100011"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ProblemType.ORGANISATION_CERTIFICATE_INVALID);
              assertThat(e.getMessage()).contains("n'est pas un certificat de cachet");
            });
  }
}
