package fr.officine.segur.sandbox.eprescription;

import static fr.officine.segur.sandbox.SandboxClient.execution;
import static fr.officine.segur.sandbox.SandboxClient.faultOf;
import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.MutableClock;
import fr.officine.segur.sandbox.RunningSandbox;
import fr.officine.segur.sandbox.Sandbox;
import fr.officine.segur.sandbox.SandboxClient;
import fr.officine.segur.sandbox.SandboxConfig;
import fr.officine.segur.sandbox.eprescription.soap.StatutPrescription;
import fr.officine.segur.sandbox.seed.Seeder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sandbox's clock is the test's: prescriptions age without waiting. */
class ClockAgingTest {

  @Test
  void prescription_expires_when_the_clock_passes_3_months_without_delivery_but_not_once_started()
      throws Exception {
    // 2026-01-15 10:00 Paris: three months later is 2026-04-15.
    MutableClock clock =
        new MutableClock(Instant.parse("2026-01-15T09:00:00Z"), SandboxConfig.FRANCE);
    try (RunningSandbox sandbox =
        Sandbox.start(
            SandboxConfig.inMemory().withPkiDir(InMemorySandboxTest.SHARED_PKI).withClock(clock))) {
      SandboxClient client = new SandboxClient(sandbox.baseUrl());
      String untouched = client.createPrescription("{\"lines\":[{\"quantity\":2}]}");
      String started = client.createPrescription("{\"lines\":[{\"quantity\":2}]}");
      client.send(execution(started).deliver("L1", 1));

      clock.advance(Duration.ofDays(90)); // 2026-04-15: the last day
      assertThat(client.consult(untouched).getStatut()).isEqualTo(StatutPrescription.OUVERTE);
      assertThat(client.consult(Seeder.SIMPLE).getStatut()).isEqualTo(StatutPrescription.EXPIREE);

      clock.advance(Duration.ofDays(1));
      assertThat(client.consult(untouched).getStatut()).isEqualTo(StatutPrescription.EXPIREE);
      assertThat(faultOf(() -> client.send(execution(untouched).deliver("L1", 1))).getCode())
          .isEqualTo("EP_PRESCRIPTION_EXPIREE");
      // a first delivery made in time keeps the rest deliverable
      assertThat(client.consult(started).getStatut()).isEqualTo(StatutPrescription.PARTIELLE);
      assertThat(client.send(execution(started).deliver("L1", 1)).getPrescription().getStatut())
          .isEqualTo(StatutPrescription.CLOTUREE);
    }
  }
}
