package fr.officine.segur.web.openapi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * The last touch on the document Payara serves at {@code /openapi} (registered by {@code
 * mp.openapi.filter}): the static {@code META-INF/openapi.yaml} as it is, without what Payara adds.
 *
 * <p>Payara writes the deployed paths as a top-level {@code endpoints} key, which no OpenAPI
 * version allows (swagger-parser and openapi-generator refuse the document, issue 16 §1); it is
 * kept on Payara's own model class, not as an extension, so it is cleared through that class's
 * public setter (an empty map is not written). Payara also adds a {@code servers} entry naming the
 * listener as {@code localhost}, wrong for every counter of the LAN: without it, a client takes the
 * address it fetched the document from (OpenAPI 3.0 §4.7.1: the default server is {@code /}).
 */
public class OpenApiDocumentFilter implements OASFilter {
  private static final Logger LOG = Logger.getLogger(OpenApiDocumentFilter.class.getName());

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    // empty, not null: Payara copies both when it serves the document, and writes no empty value
    openAPI.setServers(new ArrayList<>());
    try {
      Method setter = openAPI.getClass().getMethod("setEndpoints", Map.class);
      setter.invoke(openAPI, new HashMap<>());
    } catch (NoSuchMethodException e) {
      // another OpenAPI implementation: it adds no such key
    } catch (IllegalAccessException | InvocationTargetException e) {
      LOG.log(Level.WARNING, "the server's endpoints key could not be removed from /openapi", e);
    }
  }
}
