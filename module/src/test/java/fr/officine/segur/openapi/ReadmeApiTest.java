package fr.officine.segur.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's API sections against the OpenAPI document (issue 16 §4), so that they never drift:
 * its table of operations is the document's, and every call the README names anywhere exists.
 */
class ReadmeApiTest {
  static final Path README = Path.of("..", "README.md");
  static final Pattern CALL = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/api/v1/[^`?\\s]*)");

  @Test
  void the_table_of_operations_is_the_documents() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf("<!-- openapi-operations:start -->");
    int end = readme.indexOf("<!-- openapi-operations:end -->");
    assertThat(start).as("README: the operations table between its markers").isPositive();
    List<String> rows = new ArrayList<>();
    for (String line : readme.substring(start, end).split("\n")) {
      if (line.startsWith("| `")) {
        rows.add(line.strip());
      }
    }
    List<String> expected = new ArrayList<>();
    OpenApiDocumentTest.DOC
        .get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fields()
                    .forEachRemaining(
                        m -> {
                          JsonNode op = m.getValue();
                          expected.add(
                              "| `"
                                  + op.path("operationId").asText()
                                  + "` | `"
                                  + m.getKey().toUpperCase()
                                  + " "
                                  + p.getKey()
                                  + "` | "
                                  + op.path("summary").asText()
                                  + " |");
                        }));
    assertThat(rows)
        .as("README « The API contract » table, one row per operation of openapi.yaml")
        .isEqualTo(expected);
  }

  @Test
  void every_call_the_readme_names_is_in_the_document() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Set<String> described = new TreeSet<>();
    OpenApiDocumentTest.DOC
        .get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> described.add(m.toUpperCase() + " " + normalised(p.getKey()))));
    Set<String> unknown = new TreeSet<>();
    Matcher m = CALL.matcher(readme);
    while (m.find()) {
      String call = m.group(1) + " " + normalised(m.group(2));
      if (!described.contains(call)) {
        unknown.add(m.group(0).substring(1));
      }
    }
    assertThat(unknown)
        .as("calls named in README.md that openapi.yaml does not describe")
        .isEmpty();
  }

  /** {@code {number}}, {@code {id}}, {@code …}: any one segment. */
  private static String normalised(String path) {
    return path.replaceAll("\\{[^}]*}", "{}").replaceAll("/…", "/{}").replaceAll("/$", "");
  }
}
