package fr.officine.segur.sandbox.mssante;

import fr.officine.segur.sandbox.eprescription.Prescriber;
import fr.officine.segur.sandbox.pki.TestPki;
import fr.officine.segur.sandbox.seed.SampleParties;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sandbox's stand-in for the MSSanté part of the national directory (Annuaire Santé: each
 * mailbox of the trust space is published there with its holder, a professional by RPPS or a
 * structure by FINESS, and its type PER personal / ORG organisational / APP applicative). Here: the
 * sample prescribers (personal mailboxes, except Dr MOREAU who has none, as many prescribers still
 * have none) and the test PKI's pharmacies (an organisational mailbox each, authenticated by the
 * pharmacy's certificate). Addresses under the reserved {@code .test} domain: nothing can leave.
 */
public final class MssanteDirectory {
  /**
   * The sandbox operator's domains (real ones are e.g. medecin.mssante.fr, pharmacien.mssante.fr).
   */
  public static final String PRESCRIBER_DOMAIN = "medecin.mssante.test";

  public static final String PHARMACY_DOMAIN = "pharmacien.mssante.test";

  /** One mailbox: its address, its type (PER, ORG) and its holder's national identifier. */
  public record Mailbox(
      String address, String type, String holderKind, String holderId, String holderName) {}

  private final List<Mailbox> mailboxes;

  public MssanteDirectory() {
    List<Mailbox> prescribers =
        SampleParties.PRESCRIBERS.stream()
            .filter(p -> !p.equals(SampleParties.DR_MOREAU))
            .map(MssanteDirectory::prescriberMailbox)
            .toList();
    List<Mailbox> pharmacies =
        TestPki.PHARMACIES.stream()
            .map(
                o ->
                    new Mailbox(
                        slug(o.name()) + "@" + PHARMACY_DOMAIN,
                        "ORG",
                        "FINESS",
                        o.finess(),
                        o.name()))
            .toList();
    this.mailboxes =
        java.util.stream.Stream.concat(prescribers.stream(), pharmacies.stream()).toList();
  }

  private static Mailbox prescriberMailbox(Prescriber p) {
    return new Mailbox(
        slug(p.firstName()) + "." + slug(p.lastName()) + "@" + PRESCRIBER_DOMAIN,
        "PER",
        "RPPS",
        p.rpps(),
        "Dr " + p.firstName() + " " + p.lastName());
  }

  public List<Mailbox> all() {
    return mailboxes;
  }

  /** The mailboxes of a professional ({@code RPPS}) or a structure ({@code FINESS}). */
  public List<Mailbox> of(String holderKind, String holderId) {
    return mailboxes.stream()
        .filter(m -> m.holderKind().equals(holderKind) && m.holderId().equals(holderId))
        .toList();
  }

  public Optional<Mailbox> find(String address) {
    String wanted = address.toLowerCase(Locale.ROOT);
    return mailboxes.stream().filter(m -> m.address().equals(wanted)).findFirst();
  }

  static String slug(String text) {
    String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }
}
