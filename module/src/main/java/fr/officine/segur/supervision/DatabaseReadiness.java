package fr.officine.segur.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: without its database a node serves nothing (no session, no dispensation,
 * no outbox), so this check alone is enough to take it out of the load balancer.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
  static final String NAME = "database";

  private SupervisionQueries queries;

  protected DatabaseReadiness() {}

  @Inject
  public DatabaseReadiness(SupervisionQueries queries) {
    this.queries = queries;
  }

  @Override
  public HealthCheckResponse call() {
    try {
      boolean answers = queries.databaseAnswers();
      return HealthCheckResponse.named(NAME)
          .status(answers)
          .withData("timeoutSeconds", SupervisionQueries.DATABASE_TIMEOUT_SECONDS)
          .build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named(NAME)
          .down()
          .withData("error", e.getClass().getSimpleName())
          .build();
    }
  }
}
