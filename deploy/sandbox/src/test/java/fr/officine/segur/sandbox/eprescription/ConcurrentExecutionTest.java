package fr.officine.segur.sandbox.eprescription;

import static fr.officine.segur.sandbox.SandboxClient.execution;
import static fr.officine.segur.sandbox.SandboxClient.line;
import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.SandboxClient;
import fr.officine.segur.sandbox.eprescription.soap.EPrescriptionPort;
import fr.officine.segur.sandbox.eprescription.soap.ErreurEPrescription_Exception;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/** Two counters on the same prescription at the same time: the base never over-delivers. */
class ConcurrentExecutionTest extends InMemorySandboxTest {
  private static final int COUNTERS = 8;

  private ExecutorService pool;

  @BeforeAll
  void startCounters() {
    pool = Executors.newFixedThreadPool(COUNTERS);
  }

  @AfterAll
  void stopCounters() {
    pool.shutdownNow();
  }

  @RepeatedTest(3)
  void eight_counters_delivering_the_whole_remainder_at_once_only_one_succeeds() throws Exception {
    String n = client.createPrescription("{\"lines\":[{\"quantity\":3}]}");
    List<String> outcomes = race(n, 3);

    assertThat(outcomes).filteredOn("OK"::equals).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> !o.equals("OK"))
        .allMatch(o -> o.equals("EP_QUANTITE_EXCESSIVE") || o.equals("EP_PRESCRIPTION_CLOTUREE"));
    assertThat(line(client.consult(n), "L1").getQuantiteDelivree()).isEqualTo(3);
  }

  @RepeatedTest(3)
  void eight_counters_delivering_one_box_each_never_exceed_the_period() throws Exception {
    String n = client.createPrescription("{\"lines\":[{\"quantity\":5}]}");
    List<String> outcomes = race(n, 1);

    assertThat(outcomes).filteredOn("OK"::equals).hasSize(5);
    var l1 = line(client.consult(n), "L1");
    assertThat(l1.getQuantiteDelivree()).isEqualTo(5);
    assertThat(l1.getExecution()).hasSize(5);
    // exactly one first delivery, and exactly one that completes the period
    assertThat(l1.getExecution())
        .filteredOn(e -> e.getCodeCompletude().value().startsWith("F"))
        .hasSize(1);
    assertThat(l1.getExecution())
        .filteredOn(e -> e.getCodeCompletude().value().endsWith("FC"))
        .hasSize(1);
  }

  /** All counters released at once; each answers "OK" or the fault code it got. */
  private List<String> race(String number, int quantity) throws Exception {
    List<EPrescriptionPort> ports = new ArrayList<>();
    for (int i = 0; i < COUNTERS; i++) {
      ports.add(client.port());
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> futures = new ArrayList<>();
    for (EPrescriptionPort port : ports) {
      Callable<String> counter =
          () -> {
            go.await();
            try {
              port.transmettreExecutionEPrescription(
                  execution(number).deliver("L1", quantity).request(),
                  SandboxClient.pharmacieDuMarche());
              return "OK";
            } catch (ErreurEPrescription_Exception e) {
              return e.getFaultInfo().getCode();
            }
          };
      futures.add(pool.submit(counter));
    }
    go.countDown();
    List<String> outcomes = new ArrayList<>();
    for (Future<String> f : futures) {
      outcomes.add(f.get());
    }
    return outcomes;
  }
}
