package fr.officine.segur.mssante;

import fr.officine.segur.trust.tls.NationalServiceTls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;

/**
 * Finds MSSanté mailboxes in the directory: a professional's by RPPS, a structure's by FINESS. The
 * real one is the national Annuaire Santé (each mailbox published with its holder and its type: PER
 * personal, ORG organisational, APP applicative); the sandbox serves a stand-in of its search in
 * its own JSON ({@code GET …/mssante/annuaire?rpps=|finess=} → {@code {"mailboxes":[{"address",
 * "type"}]}}), reached like the national services: over https with the pharmacy's certificate.
 */
@ApplicationScoped
public class MssanteDirectory {
  private String url;
  private Duration timeout;
  private NationalServiceTls tls;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();

  protected MssanteDirectory() {}

  @Inject
  public MssanteDirectory(Config config, NationalServiceTls tls) {
    MssanteSettings settings = MssanteSettings.from(config);
    this.url = settings.directoryUrl();
    this.timeout = settings.timeout();
    this.tls = tls;
  }

  /** The personal mailbox of the professional {@code rpps} (the first one when several). */
  public Optional<String> professional(String rpps, String actingFiness) throws MssanteUnavailable {
    return first(search("rpps", rpps, actingFiness), "PER");
  }

  /** The organisational mailbox of the structure {@code finess}: the pharmacy's sender address. */
  public Optional<String> structure(String finess) throws MssanteUnavailable {
    return first(search("finess", finess, finess), "ORG");
  }

  private JsonObject search(String key, String id, String actingFiness) throws MssanteUnavailable {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "?" + key + "=" + id))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<String> response =
          client(actingFiness).send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new MssanteUnavailable(
            "Annuaire MSSanté indisponible (HTTP "
                + response.statusCode()
                + ") ; nouvel essai automatique.",
            null);
      }
      return Json.createReader(new StringReader(response.body())).readObject();
    } catch (IOException | RuntimeException e) {
      throw new MssanteUnavailable("Annuaire MSSanté injoignable ; nouvel essai automatique.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MssanteUnavailable("Interrompu pendant la recherche dans l'annuaire MSSanté.", e);
    }
  }

  private static Optional<String> first(JsonObject answer, String type) {
    return answer.getJsonArray("mailboxes").stream()
        .filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
        .map(JsonObject.class::cast)
        .filter(m -> type.equals(m.getString("type", "")))
        .map(m -> m.getString("address"))
        .findFirst();
  }

  /** One client per pharmacy certificate (mutual TLS), rebuilt when the certificate changes. */
  private HttpClient client(String finess) {
    HttpClient.Builder builder =
        HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
    if (!NationalServiceTls.isTls(url)) {
      return clients.computeIfAbsent("", k -> new Client(null, builder.build())).http();
    }
    NationalServiceTls.ClientTls current = tls.forPharmacy(finess);
    return clients
        .compute(
            finess,
            (f, c) ->
                c != null && c.tls() == current
                    ? c
                    : new Client(current, builder.sslContext(current.context()).build()))
        .http();
  }

  private record Client(NationalServiceTls.ClientTls tls, HttpClient http) {}
}
