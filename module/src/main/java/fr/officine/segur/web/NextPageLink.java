package fr.officine.segur.web;

import fr.officine.segur.http.PageRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * {@code Link: <…?cursor=…>; rel="next"} (RFC 8288 §3) on a page of a list that has another page
 * ({@link PageRequest}): one way to page through every list, whatever its body.
 */
@Provider
public class NextPageLink implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(PageRequest.NEXT) instanceof URI next
        && (response.getStatus() == 200 || response.getStatus() == 304)) {
      response.getHeaders().add(HttpHeaders.LINK, "<" + next.toASCIIString() + ">; rel=\"next\"");
    }
  }
}
