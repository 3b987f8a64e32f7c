package fr.officine.segur.it.dmp;

import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Http;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The pharmacy's export (issue 15 §4) as an LGO or a titulaire drives it: start, follow, download.
 */
final class PharmacyArchive {
  private PharmacyArchive() {}

  /**
   * Follows {@code GET /exports/{id}} (bounded) until it is no longer RUNNING; returns the last
   * view.
   */
  static JsonObject awaitExport(Counter titulaire, String exportId, Duration max)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(max);
    JsonObject last = null;
    while (Instant.now().isBefore(deadline)) {
      Http.Reply r = titulaire.send("GET", "/exports/" + exportId, Map.of(), null, null);
      if (r.status() != 200) {
        throw new AssertionError(r.toString());
      }
      last = r.json();
      if (!"RUNNING".equals(last.getString("status"))) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("export still running after " + max + ": " + last);
  }

  /** Every sends[] entry of the dispensation settled (none PENDING), bounded; returns the view. */
  static JsonObject awaitSendsSettled(Counter counter, String dispensationId, Duration max)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(max);
    JsonObject last = null;
    while (Instant.now().isBefore(deadline)) {
      last = counter.dispensation(dispensationId).json();
      if (last.getJsonArray("sends").getValuesAs(JsonObject.class).stream()
          .noneMatch(s -> "PENDING".equals(s.getString("state")))) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("sends still pending after " + max + ": " + last);
  }

  static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  static JsonObject json(byte[] bytes) {
    try (var reader =
        Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
      return reader.readObject();
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
