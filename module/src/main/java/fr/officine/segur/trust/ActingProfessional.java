package fr.officine.segur.trust;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * Who is acting in the current request: set once by {@link AuthenticationFilter} from the bearer
 * token, read by the resources. Reading it in a request that was not authenticated is a defect
 * caught as UNAUTHENTICATED rather than a null.
 */
@RequestScoped
public class ActingProfessional {
  private Account account;
  private AuthMode authMode;
  private String sessionTokenHash;
  private String attemptedLogin;

  void become(Account account, AuthMode authMode, String sessionTokenHash) {
    this.account = account;
    this.authMode = authMode;
    this.sessionTokenHash = sessionTokenHash;
  }

  public Account account() {
    if (account == null) {
      throw new ProblemException(ProblemType.UNAUTHENTICATED, "Aucune session ouverte.");
    }
    return account;
  }

  public boolean isAuthenticated() {
    return account != null;
  }

  /** DIRECTE for a CPS card session, INDIRECTE for a password session of the module. */
  public AuthMode authMode() {
    account();
    return authMode;
  }

  public String login() {
    return account().login();
  }

  public Optional<String> rpps() {
    return account().rpps();
  }

  public Role role() {
    return account().role();
  }

  public Pharmacy pharmacy() {
    return account().pharmacy();
  }

  public String displayName() {
    return account().displayName();
  }

  /** Identifies the session (its token's hash) without the token: what a stream re-checks. */
  public String sessionTokenHash() {
    account();
    return sessionTokenHash;
  }

  /** The login typed in a session attempt (never the password): who, when the attempt fails. */
  void attempted(String login) {
    attemptedLogin = login;
  }

  /** For the audit record of an unauthenticated session attempt. */
  public Optional<String> attemptedLogin() {
    return Optional.ofNullable(attemptedLogin);
  }
}
