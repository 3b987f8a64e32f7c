package fr.officine.segur.sandbox.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.xml.ws.api.message.saaj.SAAJFactory;
import com.sun.xml.ws.util.ServiceFinder;
import org.junit.jupiter.api.Test;

/**
 * JAX-WS finds the sandbox's SAAJ conversion where it looks for one; that an MTOM part still
 * arrives intact through it is {@code ProvideAndRegisterTest}'s MTOM case.
 */
class SaxSaajFactoryTest {
  @Test
  void jax_ws_uses_the_sax_conversion() {
    assertThat(ServiceFinder.find(SAAJFactory.class).iterator())
        .toIterable()
        .hasAtLeastOneElementOfType(SaxSaajFactory.class);
  }
}
