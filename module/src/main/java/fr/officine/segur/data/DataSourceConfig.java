package fr.officine.segur.data;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import javax.sql.DataSource;

/**
 * The module's database: H2 in file mode under {@code ${segur.data.dir}/module/segur}. Payara
 * substitutes {@code ${MPCONFIG=…}} from MicroProfile Config, so {@code -Dsegur.data.dir=…} moves
 * it. The pool bounds are explicit because the annotation's defaults (-1) make Payara log an error
 * (shared/STACK.md §4). {@code MODE=LEGACY} is not needed: no IDENTITY columns, ids are strings.
 */
@DataSourceDefinition(
    name = DataSourceConfig.JNDI_NAME,
    className = "org.h2.jdbcx.JdbcDataSource",
    url = "jdbc:h2:file:${MPCONFIG=segur.data.dir}/module/segur;DB_CLOSE_ON_EXIT=FALSE",
    user = "sa",
    password = "",
    minPoolSize = 2,
    maxPoolSize = 32,
    initialPoolSize = 2)
@ApplicationScoped
public class DataSourceConfig {
  public static final String JNDI_NAME = "java:app/jdbc/segur";

  /** Lets every bean take the DataSource through its constructor. */
  @Produces
  @Resource(lookup = JNDI_NAME)
  private DataSource dataSource;
}
