package fr.officine.segur.trust;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** The one place where a role is checked against what a call requires. */
public final class Authorizer {
  private Authorizer() {}

  /** The roles allowed on {@code method}: its own {@link Allowed}, else its class's, else all. */
  public static Set<Role> allowedRoles(Method method) {
    Allowed allowed = method.getAnnotation(Allowed.class);
    if (allowed == null) {
      allowed = method.getDeclaringClass().getAnnotation(Allowed.class);
    }
    if (allowed == null) {
      return EnumSet.allOf(Role.class);
    }
    return allowed.value().length == 0
        ? EnumSet.noneOf(Role.class)
        : EnumSet.copyOf(Arrays.asList(allowed.value()));
  }

  /** Throws FORBIDDEN (403) when {@code role} is not among {@code allowed}. */
  public static void check(Role role, Set<Role> allowed) {
    if (!allowed.contains(role)) {
      throw new ProblemException(
          ProblemType.FORBIDDEN,
          "Action réservée à : " + String.join(", ", allowed.stream().map(Enum::name).toList()) + ".");
    }
  }
}
