package fr.officine.segur.openapi;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Every operation the module's JAX-RS resources serve, found in its compiled classes as Jersey
 * finds them (a class with {@code @Path}, a method with an HTTP method annotation): what the
 * OpenAPI document must describe, whoever adds the endpoint.
 */
final class ServedOperations {
  static final String PACKAGE = "fr.officine.segur";

  /** One served operation: {@code path} as OpenAPI writes it (templates without their regex). */
  record Served(String method, String path, Class<?> resource, Method javaMethod) {
    String key() {
      return method + " " + path;
    }
  }

  private static final Map<Class<? extends Annotation>, String> METHODS =
      Map.of(
          GET.class,
          "get",
          POST.class,
          "post",
          PUT.class,
          "put",
          DELETE.class,
          "delete",
          PATCH.class,
          "patch",
          HEAD.class,
          "head",
          OPTIONS.class,
          "options");

  private ServedOperations() {}

  static List<Served> all() {
    List<Class<?>> classes = moduleClasses();
    String base =
        classes.stream()
            .filter(c -> c.isAnnotationPresent(ApplicationPath.class))
            .map(c -> c.getAnnotation(ApplicationPath.class).value())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no @ApplicationPath in the module"));
    List<Served> served = new ArrayList<>();
    for (Class<?> c : classes) {
      Path classPath = c.getAnnotation(Path.class);
      if (classPath == null || c.isInterface()) {
        continue;
      }
      for (Method m : c.getDeclaredMethods()) {
        for (Map.Entry<Class<? extends Annotation>, String> http : METHODS.entrySet()) {
          if (m.isAnnotationPresent(http.getKey())) {
            Path methodPath = m.getAnnotation(Path.class);
            String path =
                join(base, classPath.value(), methodPath == null ? "" : methodPath.value());
            served.add(new Served(http.getValue(), path, c, m));
          }
        }
      }
    }
    served.sort(Comparator.comparing(Served::path).thenComparing(Served::method));
    // One operation in two representations chosen by Accept (GET /api/v1/events: a JSON page, or
    // the same feed as server-sent events): JAX-RS needs a method per representation, the document
    // one operation listing both media types. The stream's method is the JSON one's variant.
    served.removeIf(
        s ->
            producesOnlyEventStream(s.javaMethod())
                && served.stream().anyMatch(o -> o != s && o.key().equals(s.key())));
    return served;
  }

  /** The methods serving {@code s}'s key, its event-stream variant included. */
  static List<Method> variants(Served s) {
    List<Method> out = new ArrayList<>();
    for (Method m : s.resource().getDeclaredMethods()) {
      if (m.equals(s.javaMethod())
          || (producesOnlyEventStream(m)
              && m.isAnnotationPresent(GET.class)
              && s.method().equals("get")
              && java.util.Objects.equals(
                  m.getAnnotation(Path.class), s.javaMethod().getAnnotation(Path.class)))) {
        out.add(m);
      }
    }
    return out;
  }

  private static boolean producesOnlyEventStream(Method m) {
    jakarta.ws.rs.Produces p = m.getAnnotation(jakarta.ws.rs.Produces.class);
    return p != null
        && java.util.Arrays.stream(p.value())
            .allMatch(v -> v.strip().startsWith(jakarta.ws.rs.core.MediaType.SERVER_SENT_EVENTS));
  }

  static String join(String... parts) {
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      for (String segment : part.split("/")) {
        if (!segment.isEmpty()) {
          path.append('/').append(template(segment));
        }
      }
    }
    return path.toString();
  }

  /** {@code {id: [0-9]+}} → {@code {id}}. */
  private static String template(String segment) {
    return segment.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
  }

  private static List<Class<?>> moduleClasses() {
    return ClassesOf.locationOf(fr.officine.segur.web.SegurApplication.class, PACKAGE).stream()
        .filter(c -> c.getEnclosingClass() == null)
        .toList();
  }
}
