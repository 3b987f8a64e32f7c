package fr.officine.segur.trust.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.xml.ws.developer.JAXWSProperties;
import fr.officine.segur.prescription.soap.EPrescriptionPort;
import fr.officine.segur.prescription.soap.EPrescriptionService;
import jakarta.xml.ws.BindingProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ports kept between calls, one call at a time on each. What the kept port presents to the service
 * (each pharmacy's certificate, a renewed one at once) is checked over real mutual TLS in {@code
 * NationalServiceTlsTest}.
 */
class SoapPortsTest {
  private final SoapPorts<EPrescriptionService, EPrescriptionPort> ports =
      new SoapPorts<>(
          EPrescriptionService::new,
          EPrescriptionService::getEPrescriptionPort,
          "http://127.0.0.1:9/eprescription",
          Duration.ofSeconds(2),
          Duration.ofSeconds(4),
          NationalServiceTls.plainHttpOnly());

  @Test
  void the_port_of_a_finished_call_serves_the_next() {
    EPrescriptionPort first = ports.call("690100011", port -> port);
    EPrescriptionPort second = ports.call("690100029", port -> port);

    assertThat(second).isSameAs(first);
    assertThat(((BindingProvider) second).getRequestContext())
        .containsEntry(
            BindingProvider.ENDPOINT_ADDRESS_PROPERTY, "http://127.0.0.1:9/eprescription")
        .containsEntry(JAXWSProperties.CONNECT_TIMEOUT, 2000)
        .containsEntry(JAXWSProperties.REQUEST_TIMEOUT, 4000);
  }

  @Test
  void a_call_made_while_another_runs_gets_a_port_of_its_own() {
    List<EPrescriptionPort> first = twoCallsAtOnce();

    assertThat(first.get(1)).isNotSameAs(first.get(0));
    // both are kept (the last one back is the first one out): the next two calls at once get
    // them back, no third is built. Identity, not equals: a Metro stub's equals is not its identity
    List<EPrescriptionPort> next = twoCallsAtOnce();
    assertThat(next.get(0)).isSameAs(first.get(0));
    assertThat(next.get(1)).isSameAs(first.get(1));
  }

  /** The ports of a call and of another made while it runs: [outer, inner]. */
  private List<EPrescriptionPort> twoCallsAtOnce() {
    List<EPrescriptionPort> seen = new ArrayList<>();
    seen.add(
        ports.call(
            "690100011",
            port -> {
              seen.add(ports.call("690100011", inner -> inner));
              return port;
            }));
    return List.of(seen.get(1), seen.get(0));
  }
}
