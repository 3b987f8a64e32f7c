package fr.officine.segur.trust;

import fr.officine.segur.data.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * In sandbox mode ({@code segur.mode=sandbox}, set by deploy/run.sh and the tests; the WAR's
 * default is production), seeds the two test pharmacies and the four test accounts of the README
 * (password = login) as soon as the schema is ready. Idempotent: a restart keeps what exists. Never
 * runs in any other mode ({@link RunMode}).
 */
@ApplicationScoped
public class SandboxSeed {
  private static final Logger LOG = Logger.getLogger(SandboxSeed.class.getName());

  public static final Pharmacy PHARMACIE_DU_MARCHE =
      new Pharmacy("690100011", "Pharmacie du Marché", "Lyon");
  public static final Pharmacy PHARMACIE_DES_ARCADES =
      new Pharmacy("690100029", "Pharmacie des Arcades", "Villeurbanne");

  private Accounts accounts;
  private PasswordHasher hasher;
  private RunMode mode;

  protected SandboxSeed() {}

  @Inject
  public SandboxSeed(
      Accounts accounts, PasswordHasher hasher, @ConfigProperty(name = RunMode.KEY) String mode) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.mode = RunMode.of(Optional.ofNullable(mode));
  }

  void onSchemaReady(@Observes SchemaReady ready) {
    if (mode.seedsSandboxAccounts()) {
      int added = seed();
      LOG.info(() -> "Sandbox mode: " + added + " test account(s) added (password = login)");
    }
  }

  /** Returns how many accounts were added (0 on a restart). */
  public int seed() {
    accounts.addPharmacyIfAbsent(PHARMACIE_DU_MARCHE);
    accounts.addPharmacyIfAbsent(PHARMACIE_DES_ARCADES);
    // printed on the dispensation document (sandbox addresses, not real pharmacies)
    accounts.setAddressIfAbsent(PHARMACIE_DU_MARCHE.finess(), "12 place des Célestins", "69002");
    accounts.setAddressIfAbsent(
        PHARMACIE_DES_ARCADES.finess(), "25 avenue Henri Barbusse", "69100");
    int added = 0;
    for (Account a : sandboxAccounts()) {
      if (!accounts.exists(a.login())) {
        // sandbox only: the password is the login, as the README says; hashed only when added,
        // since 210 000 PBKDF2 rounds per account would slow every restart
        accounts.add(
            new Account(
                a.login(),
                hasher.hash(a.login().toCharArray()),
                a.rpps(),
                a.lastName(),
                a.firstName(),
                a.role(),
                a.pharmacy()));
        added++;
      }
    }
    return added;
  }

  private static List<Account> sandboxAccounts() {
    return List.of(
        account(
            "titulaire", "10100000016", "MARTIN", "Claire", Role.TITULAIRE, PHARMACIE_DU_MARCHE),
        account("adjoint", "10100000024", "DUBOIS", "Julien", Role.ADJOINT, PHARMACIE_DU_MARCHE),
        account("preparateur", null, "LEROY", "Sandrine", Role.PREPARATEUR, PHARMACIE_DU_MARCHE),
        account(
            "confrere", "10100000032", "BERNARD", "Louis", Role.TITULAIRE, PHARMACIE_DES_ARCADES));
  }

  private static Account account(
      String login, String rpps, String last, String first, Role role, Pharmacy pharmacy) {
    return new Account(login, "", Optional.ofNullable(rpps), last, first, role, pharmacy);
  }
}
