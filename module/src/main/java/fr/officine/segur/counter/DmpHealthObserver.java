package fr.officine.segur.counter;

import fr.officine.segur.dmp.DmpCallObserver;
import fr.officine.segur.dmp.DmpUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** The DMP client's calls (TD0.2 at the counter, ITI-41 from the outbox) feed the DMP light. */
@ApplicationScoped
public class DmpHealthObserver implements DmpCallObserver {
  private ServiceHealth health;

  protected DmpHealthObserver() {}

  @Inject
  public DmpHealthObserver(ServiceHealth health) {
    this.health = health;
  }

  @Override
  public void answered(Duration latency) {
    health.answered(NationalService.DMP, latency);
  }

  @Override
  public void failed(Duration latency, String reason) {
    health.failed(NationalService.DMP, latency, reason);
  }

  @Override
  public void failed(Duration latency, DmpUnavailable failure) {
    health.ended(NationalService.DMP, latency, failure);
  }
}
