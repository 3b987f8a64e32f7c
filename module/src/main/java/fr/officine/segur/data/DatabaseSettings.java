package fr.officine.segur.data;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where the module's database is and who connects to it (README « PostgreSQL »): {@code
 * segur.db.url} (an H2 file by default, {@code jdbc:postgresql://…} in production), the
 * application's login {@code segur.db.user} / {@code segur.db.password}, and the login that owns
 * the schema and runs the migrations, {@code segur.db.migration-user} / {@code
 * segur.db.migration-password} (none: the application's login migrates, as on the embedded H2).
 */
public record DatabaseSettings(
    String url,
    String user,
    String password,
    Optional<String> migrationUser,
    String migrationPassword) {

  public static DatabaseSettings from(Config config) {
    return new DatabaseSettings(
        config.getValue("segur.db.url", String.class),
        config.getOptionalValue("segur.db.user", String.class).orElse(""),
        config.getOptionalValue("segur.db.password", String.class).orElse(""),
        config.getOptionalValue("segur.db.migration-user", String.class).filter(u -> !u.isBlank()),
        config.getOptionalValue("segur.db.migration-password", String.class).orElse(""));
  }

  public boolean postgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** The application's connections (the pool's). */
  public ConfiguredDataSource application() {
    return new ConfiguredDataSource(url, user, password);
  }

  /** The migrations' connection: the schema owner's when one is configured. */
  public ConfiguredDataSource migration() {
    return migrationUser
        .map(u -> new ConfiguredDataSource(url, u, migrationPassword))
        .orElseGet(this::application);
  }

  /** The role the migration login grants row rights to, when it is another one. */
  public Optional<String> grantee() {
    return migrationUser.filter(u -> !u.equals(user)).map(u -> user);
  }

  @Override
  public String toString() {
    // never the passwords (logged at start)
    return "DatabaseSettings[url="
        + url
        + ", user="
        + user
        + ", migrationUser="
        + migrationUser.orElse(user)
        + "]";
  }
}
