package fr.officine.segur.audit;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.trust.Performs;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every REST endpoint of the module says which action of the habilitation matrix it performs
 * ({@code @Performs}): that is what makes it authorised by role and audited. Only the calls that
 * touch no patient data and are open to every role may go without (listed here by name).
 */
class EveryEndpointDeclaresItsActionTest {
  /**
   * "Who am I", logout, the card readers present, the national services' health lights: no patient,
   * any role (readers: public). The presence stream is opened with a single-use ticket that was
   * issued by an authorised, audited PRESENCE call; the pharmacy's event stream likewise
   * (COUNTER_EVENTS).
   */
  static final Set<String> WITHOUT_ACTION =
      Set.of(
          "SessionResource.current",
          "SessionResource.close",
          "CpsSessionResource.readers",
          "HealthResource.services",
          "PresenceResource.stream",
          "PharmacyEventsResource.stream");

  @Test
  void every_resource_method_declares_its_action_for_roles_and_audit() throws Exception {
    List<String> missing = new ArrayList<>();
    int endpoints = 0;
    for (Class<?> resource : resourceClasses()) {
      for (Method m : resource.getDeclaredMethods()) {
        if (!isEndpoint(m)) {
          continue;
        }
        endpoints++;
        String name = resource.getSimpleName() + "." + m.getName();
        if (!m.isAnnotationPresent(Performs.class) && !WITHOUT_ACTION.contains(name)) {
          missing.add(name);
        }
      }
    }
    assertThat(endpoints).as("resource methods found").isGreaterThanOrEqualTo(7);
    assertThat(missing)
        .as(
            "add @Performs(Action.X) (fr.officine.segur.trust; a new Action in the matrix if none"
                + " fits) to these endpoints so that they are authorised by role and audited")
        .isEmpty();
  }

  static boolean isEndpoint(Method m) {
    return Stream.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class, HEAD.class)
        .anyMatch(m::isAnnotationPresent);
  }

  /** The module's compiled classes annotated @Path (no scanning library: a directory walk). */
  static List<Class<?>> resourceClasses() throws IOException, URISyntaxException {
    var root =
        Paths.get(Performs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> found = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(root)) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replace(".class", "");
        if (name.contains("$") || name.contains(".soap.")) {
          continue;
        }
        try {
          Class<?> c =
              Class.forName(name, false, EveryEndpointDeclaresItsActionTest.class.getClassLoader());
          if (c.isAnnotationPresent(Path.class)) {
            found.add(c);
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // a class that cannot load here (optional dependency) is no resource of ours
        }
      }
    }
    return found;
  }
}
