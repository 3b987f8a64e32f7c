package fr.officine.segur.data;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database named by {@code segur.db.url}: H2 or PostgreSQL by configuration only, behind the
 * one {@code @DataSourceDefinition} whose class name an annotation must fix at compile time. Payara
 * pools the connections this gives; with no URL set (the container's no-argument construction) it
 * reads {@link DatabaseSettings} from MicroProfile Config at the first connection.
 *
 * <p>The vendor data sources are built from the URL alone: a PostgreSQL data source given host,
 * port and database separately by the container as well as a URL does not reliably take the URL.
 */
public class ConfiguredDataSource implements DataSource {
  private volatile String url;
  private volatile String user;
  private volatile String password;
  private volatile DataSource target;
  // DataSource contract: set by one thread (the container), read by others
  private volatile int loginTimeout;

  /** For the container: settings read from MicroProfile Config. */
  public ConfiguredDataSource() {}

  public ConfiguredDataSource(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  private DataSource target() {
    DataSource t = target;
    if (t == null) {
      synchronized (this) {
        if (target == null) {
          if (url == null) {
            DatabaseSettings s =
                DatabaseSettings.from(
                    ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader()));
            url = s.url();
            user = s.user();
            password = s.password();
          }
          target = vendor(url, user, password);
        }
        t = target;
      }
    }
    return t;
  }

  static DataSource vendor(String url, String user, String password) {
    if (url.startsWith("jdbc:h2:")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      h2.setUser(user);
      h2.setPassword(password);
      return h2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(url);
      pg.setUser(user);
      pg.setPassword(password);
      // a statement is refused, never silently cut, when the server is gone: fail fast, retry later
      pg.setConnectTimeout(5);
      pg.setTcpKeepAlive(true);
      return pg;
    }
    throw new IllegalStateException(
        "segur.db.url must be a jdbc:h2: or jdbc:postgresql: URL, not "
            + url.replaceAll(";.*", ";…"));
  }

  public String url() {
    target();
    return url;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return target().getConnection();
  }

  /** The pool may pass the definition's (empty) credentials: the configured ones are used then. */
  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    if (username == null || username.isEmpty()) {
      return getConnection();
    }
    return target().getConnection(username, pass);
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper of " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
