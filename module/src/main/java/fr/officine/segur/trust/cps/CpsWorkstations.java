package fr.officine.segur.trust.cps;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may log in with the CPS card: only the machine that holds the reader (issue 11 §13). The
 * module reads the card in a reader of the machine it runs on, so a login from any other address
 * would be someone else using the card left in that reader. {@code segur.cps.workstations}: the
 * addresses (IP literals, comma-separated) of that machine as the module sees it; by default its
 * loopback addresses, the counter running the module. A counter that runs the page on the reader's
 * machine while the module runs elsewhere needs that machine's address here.
 */
@ApplicationScoped
public class CpsWorkstations {
  private List<InetAddress> allowed;

  /** For CDI's client proxy only. */
  protected CpsWorkstations() {}

  @Inject
  public CpsWorkstations(@ConfigProperty(name = "segur.cps.workstations") String workstations) {
    this.allowed =
        Arrays.stream(workstations.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(CpsWorkstations::literal)
            .toList();
  }

  /**
   * Refuses, before the card is touched, a login from an address that is not the reader's machine.
   */
  public void check(String remoteAddress) {
    if (!allows(remoteAddress)) {
      throw new ProblemException(
          ProblemType.CPS_WORKSTATION_REFUSED,
          "Connexion par carte CPS refusée depuis l'adresse "
              + remoteAddress
              + " : la carte se lit sur le poste qui porte le lecteur. Connectez-vous par"
              + " identifiant, ou déclarez ce poste (segur.cps.workstations).");
    }
  }

  /**
   * Refuses the list of the machine's card readers to an address that is not the reader's machine.
   */
  public void checkReaders(String remoteAddress) {
    if (!allows(remoteAddress)) {
      throw new ProblemException(
          ProblemType.CPS_WORKSTATION_REFUSED,
          "Les lecteurs de carte de ce poste ne sont listés qu'au poste qui les porte (adresse "
              + remoteAddress
              + " refusée ; segur.cps.workstations).");
    }
  }

  private boolean allows(String remoteAddress) {
    try {
      return remoteAddress != null && allowed.contains(literal(remoteAddress));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static InetAddress literal(String address) {
    // an IP literal is parsed, never resolved: no name lookup on a client's address
    if (!address.matches("[0-9a-fA-F:.%]+")) {
      throw new IllegalArgumentException(
          "segur.cps.workstations: IP addresses only, not names (" + address + ")");
    }
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + address, e);
    }
  }
}
