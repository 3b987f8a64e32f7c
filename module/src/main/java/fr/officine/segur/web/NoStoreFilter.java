package fr.officine.segur.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code Cache-Control: no-store} on every answer of the API: prescriptions, identities, audit and
 * the dispensation documents (PDF, CDA) carry patient data, which no browser, proxy or counter's
 * disk cache may keep (RFC 9111 §5.2.2.5; CNIL/ANS: health data stays where it is protected).
 * Answers without patient data get it too: one rule nobody has to think about, and an API answer is
 * never worth caching at the counter.
 */
@Provider
public class NoStoreFilter implements ContainerResponseFilter {
  static final String NO_STORE = "no-store";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, NO_STORE);
  }
}
