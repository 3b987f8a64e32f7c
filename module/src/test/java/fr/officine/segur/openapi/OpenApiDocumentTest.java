package fr.officine.segur.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.openapi.ServedOperations.Served;
import fr.officine.segur.trust.Performs;
import fr.officine.segur.trust.Public;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the module serves at {@code /openapi} (issue 16 §1): valid for the reference
 * parser, and true to what the module serves. It is checked against the compiled JAX-RS resources
 * (every operation, its parameters, media types, bodies and answers) and against the records of
 * {@code api/} (every schema, property by property), so a new endpoint, a new field or a new
 * problem type without its description fails here, with the list of what is missing.
 *
 * <p>How to describe a new endpoint: add it to {@code module/src/main/openapi/openapi.yaml} with an
 * {@code operationId} saying what it does (a verb first), a summary, a description, the request
 * body and answer as {@code $ref}s to the records' schemas (named like the record; this test says
 * which are missing and what they must contain), one example per body and answer, and one response
 * per status with the problem {@code type}s it answers, in backquotes.
 */
class OpenApiDocumentTest {
  static final String DOCUMENT = "META-INF/openapi.yaml";
  static final Pattern OPERATION_ID =
      Pattern.compile(
          "^(get|list|open|close|record|consult|scan|settle|resolve|lookUp|qualify|search|verify|"
              + "retry|stream|leave|start|cancel|create|send|export|import|download|delete|update|"
              + "check|read|restore|acknowledge|follow|replay)[A-Z][A-Za-z0-9]*$");

  /** Headers OpenAPI forbids declaring as parameters (they are the media type and security). */
  static final Set<String> IMPLICIT_HEADERS = Set.of("content-type", "accept", "authorization");

  /** Keywords a schema may add to what the record says: words and bounds for the reader. */
  static final Set<String> ADDITIVE =
      Set.of(
          "description",
          "example",
          "nullable",
          "pattern",
          "minLength",
          "minItems",
          "minimum",
          "maximum",
          "default",
          "required",
          "title",
          "enum",
          "readOnly",
          "writeOnly",
          "deprecated",
          "format");

  static final String TEXT = read();
  static final JsonNode DOC = yaml(TEXT);

  @Test
  void the_reference_parser_reads_it_without_a_single_message() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(TEXT, null, options);
    assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
    assertThat(result.getOpenAPI()).isNotNull();
    assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.0");
    assertThat(result.getOpenAPI().getExtensions())
        .as("no vendor keys (Payara's endpoints)")
        .isNullOrEmpty();
  }

  @Test
  void its_version_is_the_build_version() {
    assertThat(DOC.at("/info/version").asText())
        .isEqualTo(System.getProperty("project.version"))
        .doesNotContain("${");
  }

  @Test
  void it_describes_every_served_operation_and_only_those() {
    Set<String> served =
        ServedOperations.all().stream()
            .map(Served::key)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> described = new TreeSet<>();
    DOC.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> {
                          if (!m.equals("parameters")
                              && !m.equals("summary")
                              && !m.equals("description")) {
                            described.add(m + " " + p.getKey());
                          }
                        }));
    Set<String> undescribed = new TreeSet<>(served);
    undescribed.removeAll(described);
    Set<String> notServed = new TreeSet<>(described);
    notServed.removeAll(served);
    assertThat(undescribed)
        .as(
            "served by a JAX-RS resource but not in module/src/main/openapi/openapi.yaml: describe them"
                + " (see this test's class comment)")
        .isEmpty();
    assertThat(notServed).as("in openapi.yaml but served by no resource").isEmpty();
  }

  @Test
  void every_operation_has_an_id_saying_what_it_does_a_summary_a_description_and_examples() {
    List<String> faults = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (Served s : described()) {
      JsonNode op = operation(s);
      String id = op.path("operationId").asText();
      if (!OPERATION_ID.matcher(id).matches()) {
        faults.add(
            s.key()
                + ": operationId '"
                + id
                + "' must say what it does, verb first ("
                + OPERATION_ID.pattern()
                + ")");
      }
      if (!ids.add(id)) {
        faults.add(s.key() + ": operationId '" + id + "' is used twice");
      }
      if (op.path("summary").asText().isBlank()) {
        faults.add(s.key() + ": no summary");
      }
      if (op.path("description").asText().isBlank()) {
        faults.add(s.key() + ": no description");
      }
      if (op.path("tags").size() != 1) {
        faults.add(s.key() + ": one tag (its feature)");
      }
      op.path("requestBody")
          .path("content")
          .fields()
          .forEachRemaining(
              c -> {
                if (isText(c.getKey()) && !hasExample(c.getValue())) {
                  faults.add(s.key() + ": request body " + c.getKey() + " has no example");
                }
              });
      boolean answered = false;
      for (Map.Entry<String, JsonNode> r : responses(op)) {
        if (!r.getKey().startsWith("2")) {
          continue;
        }
        answered = true;
        for (Map.Entry<String, JsonNode> c : fields(r.getValue().path("content"))) {
          if (!hasExample(c.getValue())) {
            faults.add(s.key() + ": answer " + r.getKey() + " " + c.getKey() + " has no example");
          }
        }
      }
      if (!answered) {
        faults.add(s.key() + ": no success answer");
      }
    }
    assertThat(faults).isEmpty();
  }

  @Test
  void every_error_answer_is_a_problem_naming_the_types_of_its_status() {
    Map<String, ProblemType> bySlug =
        Arrays.stream(ProblemType.values()).collect(Collectors.toMap(ProblemType::slug, t -> t));
    List<String> faults = new ArrayList<>();
    for (Served s : described()) {
      for (Map.Entry<String, JsonNode> r : responses(operation(s))) {
        int status = Integer.parseInt(r.getKey());
        if (status < 400) {
          continue;
        }
        JsonNode content = r.getValue().path("content");
        List<String> types = new ArrayList<>();
        content.fieldNames().forEachRemaining(types::add);
        String ref = content.path("application/problem+json").path("schema").path("$ref").asText();
        if (!types.equals(List.of("application/problem+json"))
            || !(ref.endsWith("/Problem") || ref.endsWith("/DispensationProblem"))) {
          faults.add(
              s.key()
                  + " "
                  + status
                  + ": must be application/problem+json with the Problem schema");
        }
        Set<String> named = slugs(r.getValue().path("description").asText());
        if (named.isEmpty()) {
          faults.add(s.key() + " " + status + ": name the problem types it answers, in backquotes");
        }
        for (String slug : named) {
          ProblemType t = bySlug.get(slug);
          if (t == null) {
            faults.add(s.key() + " " + status + ": `" + slug + "` is no type of ProblemType");
          } else if (t.status() != status) {
            faults.add(s.key() + " " + status + ": `" + slug + "` is answered with " + t.status());
          }
        }
      }
    }
    assertThat(faults).isEmpty();
  }

  @Test
  void every_problem_type_of_the_catalogue_is_named_in_the_document() {
    Set<String> named = slugs(TEXT);
    List<String> missing =
        Arrays.stream(ProblemType.values())
            .filter(t -> !named.contains(t.slug()))
            .map(t -> t.name() + " (`" + t.slug() + "`, " + t.status() + ")")
            .toList();
    assertThat(missing).as("ProblemType constants no answer of openapi.yaml names").isEmpty();
  }

  /**
   * Security is said on each operation, never as a document-wide default overridden by {@code
   * security: []}: Payara writes the served document without empty values, so an empty override
   * would vanish and the public operations would seem to need a session.
   */
  @Test
  void operations_behind_a_session_need_the_bearer_and_answer_401_and_403() {
    assertThat(DOC.at("/components/securitySchemes/bearer/type").asText()).isEqualTo("http");
    assertThat(DOC.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    assertThat(DOC.has("security"))
        .as("no document-wide security: each operation says its own")
        .isFalse();
    List<String> faults = new ArrayList<>();
    for (Served s : described()) {
      JsonNode op = operation(s);
      boolean isPublic = s.javaMethod().isAnnotationPresent(Public.class);
      String security = op.path("security").toString();
      if (isPublic && op.has("security")) {
        faults.add(s.key() + ": public (@Public): no security");
      }
      if (!isPublic && !security.equals("[{\"bearer\":[]}]")) {
        faults.add(s.key() + ": behind a session: security: [{bearer: []}], is " + security);
      }
      if (!isPublic && !op.path("responses").has("401")) {
        faults.add(s.key() + ": 401 (no session) missing");
      }
      if (!isPublic
          && s.javaMethod().isAnnotationPresent(Performs.class)
          && !op.path("responses").has("403")) {
        faults.add(s.key() + ": 403 (role) missing");
      }
    }
    assertThat(faults).isEmpty();
  }

  /**
   * Payara serves the document without empty values (NON_EMPTY): the file has none, so what is
   * served is the file.
   */
  @Test
  void it_holds_no_empty_value_the_server_would_drop() {
    List<String> empty = new ArrayList<>();
    walk("", DOC, empty);
    assertThat(empty).as("null, [] or {} (dropped when served: leave the key out)").isEmpty();
  }

  private static void walk(String where, JsonNode node, List<String> empty) {
    // a security requirement's scopes (bearer: []) are written, empty as they are
    boolean scopes = where.matches(".*/security/\\d+/[^/]+");
    if (node.isNull() || (node.isContainerNode() && node.isEmpty() && !scopes)) {
      empty.add(where);
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> walk(where + "/" + e.getKey(), e.getValue(), empty));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(where + "/" + i, node.get(i), empty);
      }
    }
  }

  @Test
  void parameters_are_those_the_resources_read_and_the_idempotency_key_is_required() {
    List<String> faults = new ArrayList<>();
    for (Served s : described()) {
      JsonNode op = operation(s);
      Map<String, JsonNode> declared = new HashMap<>();
      for (JsonNode p :
          concat(DOC.at("/paths").get(s.path()).path("parameters"), op.path("parameters"))) {
        JsonNode resolved = resolve(p);
        declared.put(
            resolved.path("in").asText() + ":" + resolved.path("name").asText().toLowerCase(),
            resolved);
      }
      for (Parameter p : s.javaMethod().getParameters()) {
        String key = null;
        if (p.isAnnotationPresent(PathParam.class)) {
          key = "path:" + p.getAnnotation(PathParam.class).value().toLowerCase();
        } else if (p.isAnnotationPresent(QueryParam.class)) {
          key = "query:" + p.getAnnotation(QueryParam.class).value().toLowerCase();
        } else if (p.isAnnotationPresent(HeaderParam.class)) {
          String header = p.getAnnotation(HeaderParam.class).value().toLowerCase();
          key = IMPLICIT_HEADERS.contains(header) ? null : "header:" + header;
        } else if (p.isAnnotationPresent(MatrixParam.class)) {
          faults.add(s.key() + ": matrix parameters cannot be described");
        }
        if (key != null && !declared.containsKey(key)) {
          faults.add(
              s.key()
                  + ": parameter "
                  + key
                  + " read by "
                  + s.resource().getSimpleName()
                  + " is not declared");
        }
      }
      JsonNode idempotency = declared.get("header:idempotency-key");
      if (idempotency != null && !idempotency.path("required").asBoolean()) {
        faults.add(s.key() + ": Idempotency-Key is required by the server: required: true");
      }
      for (JsonNode p : declared.values()) {
        if (!p.path("schema").has("type")
            || !hasExample(p)
            || p.path("description").asText().isBlank()) {
          faults.add(
              s.key()
                  + ": parameter "
                  + p.path("name").asText()
                  + " needs a typed schema, a description and an example");
        }
      }
    }
    assertThat(faults).isEmpty();
  }

  @Test
  void media_types_are_those_the_resources_read_and_write() {
    List<String> faults = new ArrayList<>();
    for (Served s : described()) {
      JsonNode op = operation(s);
      Set<String> consumed = mediaTypes(s, Consumes.class);
      Set<String> requested = new TreeSet<>();
      op.path("requestBody").path("content").fieldNames().forEachRemaining(requested::add);
      Parameter entity = entity(s);
      if (entity == null && !requested.isEmpty()) {
        faults.add(s.key() + ": describes a body the resource does not read");
      }
      if (entity != null && requested.isEmpty()) {
        faults.add(s.key() + ": reads a body the document does not describe");
      }
      for (String m : requested) {
        if (m.contains("*")) {
          faults.add(s.key() + ": name the real media types, not " + m);
        } else if (!consumed.contains(MediaType.WILDCARD) && !consumed.contains(m)) {
          faults.add(
              s.key() + ": the resource does not consume " + m + " (@Consumes " + consumed + ")");
        }
      }
      Set<String> produced = mediaTypes(s, Produces.class);
      for (Map.Entry<String, JsonNode> r : responses(op)) {
        if (!r.getKey().startsWith("2")) {
          continue;
        }
        for (Map.Entry<String, JsonNode> c : fields(r.getValue().path("content"))) {
          String m = c.getKey();
          if (!produced.contains(m)) {
            faults.add(
                s.key()
                    + " "
                    + r.getKey()
                    + ": the resource does not produce "
                    + m
                    + " (@Produces "
                    + produced
                    + ")");
          }
          JsonNode schema = c.getValue().path("schema");
          boolean binary = "binary".equals(schema.path("format").asText());
          if (!isText(m) && !binary) {
            faults.add(
                s.key() + " " + r.getKey() + ": " + m + " is bytes: type string, format binary");
          }
          if (m.equals(MediaType.APPLICATION_JSON) && !typed(schema)) {
            faults.add(
                s.key()
                    + " "
                    + r.getKey()
                    + ": a typed schema ($ref to a record, or an array of them)");
          }
        }
      }
      JsonNode jsonBody =
          op.path("requestBody").path("content").path(MediaType.APPLICATION_JSON).path("schema");
      if (!jsonBody.isMissingNode() && !typed(jsonBody)) {
        faults.add(s.key() + ": the request body needs a typed schema");
      }
    }
    assertThat(faults).isEmpty();
  }

  @Test
  void bodies_and_answers_are_the_records_the_resources_read_and_return() {
    List<String> faults = new ArrayList<>();
    for (Served s : described()) {
      JsonNode op = operation(s);
      Parameter entity = entity(s);
      if (entity != null && entity.getType().isRecord()) {
        String ref = op.at("/requestBody/content/application~1json/schema/$ref").asText();
        String expected = "#/components/schemas/" + RecordSchemas.name(entity.getType());
        if (!ref.equals(expected)) {
          faults.add(
              s.key() + ": request body is " + entity.getType().getName() + ": $ref " + expected);
        }
      }
      Type returned = s.javaMethod().getGenericReturnType();
      if (returned == Response.class) {
        continue;
      }
      if (returned == void.class) {
        if (!op.path("responses").has("204") && !op.path("responses").has("200")) {
          faults.add(s.key() + ": a void method answers 204 (or a stream, 200)");
        }
        continue;
      }
      JsonNode schema = op.at("/responses/200/content/application~1json/schema");
      String expected = expectedSchema(returned);
      if (!schema.toString().equals(expected)) {
        faults.add(
            s.key()
                + ": answer 200 must be "
                + expected
                + " (the method returns "
                + returned.getTypeName()
                + "), is "
                + schema);
      }
    }
    assertThat(faults).isEmpty();
  }

  @Test
  void every_schema_is_a_record_as_json_b_writes_it_and_none_is_an_internal_type()
      throws IOException {
    Map<String, Class<?>> records = new HashMap<>();
    Stream.concat(
            ClassesOf.locationOf(ProblemType.class, "fr.officine.segur.api").stream(),
            ClassesOf.locationOf(fr.officine.segur.web.SegurApplication.class, "fr.officine.segur")
                .stream())
        .filter(Class::isRecord)
        .forEach(c -> records.putIfAbsent(RecordSchemas.name(c), c));
    List<String> faults = new ArrayList<>();
    JsonNode schemas = DOC.at("/components/schemas");
    ObjectMapper json = new ObjectMapper();
    for (Map.Entry<String, JsonNode> e : fields(schemas)) {
      Class<?> record = records.get(e.getKey());
      if (record == null) {
        faults.add(
            "schema "
                + e.getKey()
                + " is no record of api/ or of the module's views (an internal type?)");
        continue;
      }
      JsonNode expected = json.valueToTree(RecordSchemas.of(List.of(record)).get(e.getKey()));
      compare(e.getKey(), expected, e.getValue(), faults);
    }
    // and every $ref points at a schema that exists (the record's nested records included)
    Matcher refs = Pattern.compile("#/components/schemas/([A-Za-z0-9]+)").matcher(TEXT);
    while (refs.find()) {
      if (!schemas.has(refs.group(1))) {
        faults.add("$ref to a missing schema " + refs.group(1));
      }
    }
    assertThat(faults).isEmpty();
  }

  /**
   * DESIGN.md's MicroProfile Rest Client of api/: the same operations, named by their operationIds.
   */
  @Test
  void the_rest_client_of_api_calls_documented_operations_by_their_ids() {
    List<String> faults = new ArrayList<>();
    String base =
        fr.officine.segur.api.client.SegurApi.class.getAnnotation(jakarta.ws.rs.Path.class).value();
    for (java.lang.reflect.Method m :
        fr.officine.segur.api.client.SegurApi.class.getDeclaredMethods()) {
      String http =
          Stream.of("GET", "POST", "PUT", "DELETE", "PATCH")
              .filter(
                  h ->
                      Arrays.stream(m.getAnnotations())
                          .anyMatch(a -> a.annotationType().getSimpleName().equals(h)))
              .findFirst()
              .orElse(null);
      if (http == null) {
        continue;
      }
      jakarta.ws.rs.Path path = m.getAnnotation(jakarta.ws.rs.Path.class);
      String full = ServedOperations.join(base, path == null ? "" : path.value());
      JsonNode op = DOC.path("paths").path(full).path(http.toLowerCase());
      String id = m.getName().startsWith("scan") ? "scanCode" : m.getName();
      if (op.isMissingNode()) {
        faults.add(
            "SegurApi#" + m.getName() + ": " + http + " " + full + " is not in the document");
      } else if (!op.path("operationId").asText().equals(id)) {
        faults.add(
            "SegurApi#"
                + m.getName()
                + ": named "
                + op.path("operationId").asText()
                + " in the document");
      }
    }
    assertThat(faults).isEmpty();
  }

  // --- helpers

  /**
   * The record's schema (expected) against the document's (actual): same properties, same types.
   */
  private static void compare(
      String where, JsonNode expected, JsonNode actual, List<String> faults) {
    if (actual.has("$ref") || expected.has("$ref")) {
      if (!expected.path("$ref").equals(actual.path("$ref"))) {
        faults.add(where + ": " + expected + " expected, " + actual + " in the document");
      }
      return;
    }
    for (Iterator<String> keys = actual.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!expected.has(key) && !ADDITIVE.contains(key)) {
        faults.add(where + ": '" + key + "' is not in the record (" + actual.get(key) + ")");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode a = actual.get(e.getKey());
      if (a == null) {
        faults.add(where + ": '" + e.getKey() + "' missing (the record says " + e.getValue() + ")");
      } else if (e.getKey().equals("properties")) {
        Set<String> names = new TreeSet<>();
        e.getValue().fieldNames().forEachRemaining(names::add);
        Set<String> documented = new TreeSet<>();
        a.fieldNames().forEachRemaining(documented::add);
        if (!names.equals(documented)) {
          faults.add(
              where + ": properties " + documented + " in the document, the record has " + names);
        }
        names.retainAll(documented);
        for (String n : names) {
          compare(where + "." + n, e.getValue().get(n), a.get(n), faults);
        }
      } else if (e.getKey().equals("items") || e.getKey().equals("additionalProperties")) {
        compare(where + "[]", e.getValue(), a, faults);
      } else if (!e.getValue().equals(a)) {
        faults.add(
            where
                + ": "
                + e.getKey()
                + " "
                + a
                + " in the document, the record says "
                + e.getValue());
      }
    }
  }

  private static String expectedSchema(Type returned) {
    if (returned instanceof ParameterizedType p && p.getRawType() == List.class) {
      return "{\"type\":\"array\",\"items\":" + expectedSchema(p.getActualTypeArguments()[0]) + "}";
    }
    if (returned == String.class) {
      return "{\"type\":\"string\"}";
    }
    return "{\"$ref\":\"#/components/schemas/" + RecordSchemas.name((Class<?>) returned) + "\"}";
  }

  /**
   * A JSON schema an LGO's generator turns into a type: a record's, or an array of them or of
   * strings.
   */
  private static boolean typed(JsonNode schema) {
    if (schema.has("$ref")) {
      return true;
    }
    if ("array".equals(schema.path("type").asText())) {
      return typed(schema.path("items"))
          || Set.of("string", "integer").contains(schema.path("items").path("type").asText());
    }
    return false;
  }

  static Parameter entity(Served s) {
    for (Parameter p : s.javaMethod().getParameters()) {
      if (p.getAnnotations().length == 0) {
        return p;
      }
    }
    return null;
  }

  /** Of every method serving the operation (its event-stream variant too, see ServedOperations). */
  private static Set<String> mediaTypes(
      Served s, Class<? extends java.lang.annotation.Annotation> kind) {
    Set<String> types = new TreeSet<>();
    for (java.lang.reflect.Method method : ServedOperations.variants(s)) {
      java.lang.annotation.Annotation a = method.getAnnotation(kind);
      if (a == null) {
        a = s.resource().getAnnotation(kind);
      }
      String[] values =
          a == null
              ? new String[] {MediaType.WILDCARD}
              : a instanceof Consumes c ? c.value() : ((Produces) a).value();
      for (String v : values) {
        for (String t : v.split(",")) {
          types.add(t.strip().split(";")[0]);
        }
      }
    }
    return types;
  }

  private static boolean isText(String mediaType) {
    return mediaType.startsWith("text/") || mediaType.endsWith("json") || mediaType.endsWith("xml");
  }

  private static boolean hasExample(JsonNode node) {
    return node.has("example") || node.path("examples").size() > 0;
  }

  static Set<String> slugs(String text) {
    Set<String> slugs = new TreeSet<>();
    Matcher m = Pattern.compile("`([a-z0-9]+(?:-[a-z0-9]+)+|[a-z]+)`").matcher(text);
    Set<String> known =
        Arrays.stream(ProblemType.values()).map(ProblemType::slug).collect(Collectors.toSet());
    while (m.find()) {
      if (m.group(1).contains("-") || known.contains(m.group(1))) {
        slugs.add(m.group(1));
      }
    }
    return slugs;
  }

  /**
   * The operation's description; a missing one is reported by it_describes_every_served_operation.
   */
  static JsonNode operation(Served s) {
    return DOC.path("paths").path(s.path()).path(s.method());
  }

  /** The served operations the document describes (the others are listed by one test, not all). */
  static List<Served> described() {
    return ServedOperations.all().stream().filter(s -> !operation(s).isMissingNode()).toList();
  }

  private static List<Map.Entry<String, JsonNode>> responses(JsonNode op) {
    List<Map.Entry<String, JsonNode>> resolved = new ArrayList<>();
    for (Map.Entry<String, JsonNode> r : fields(op.path("responses"))) {
      resolved.add(Map.entry(r.getKey(), resolve(r.getValue())));
    }
    return resolved;
  }

  private static JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText();
    return ref.isEmpty() ? node : DOC.at(ref.substring(1));
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
    node.fields().forEachRemaining(all::add);
    return all;
  }

  private static List<JsonNode> concat(JsonNode a, JsonNode b) {
    List<JsonNode> all = new ArrayList<>();
    a.forEach(all::add);
    b.forEach(all::add);
    return all;
  }

  private static String read() {
    try (InputStream in =
        OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is not in the module's classes");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode yaml(String text) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
