package fr.officine.segur.trust;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The one place where a role is checked against what a call requires. */
public final class Authorizer {
  private Authorizer() {}

  /** The action {@code method} performs, when it declares one ({@link Performs}). */
  public static Optional<Action> action(Method method) {
    Performs performs = method.getAnnotation(Performs.class);
    return performs == null ? Optional.empty() : Optional.of(performs.value());
  }

  /**
   * The roles allowed on {@code method}: those of its {@link Action} in the matrix, else its own
   * {@link Allowed}, else its class's, else all.
   */
  public static Set<Role> allowedRoles(Method method) {
    Optional<Action> action = action(method);
    if (action.isPresent()) {
      return action.get().roles();
    }
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
    check(role, allowed, "Action");
  }

  /** As {@link #check(Role, Set)}, naming the refused action in the message. */
  public static void check(Role role, Method method) {
    check(role, allowedRoles(method), action(method).map(Action::label).orElse("Action"));
  }

  private static void check(Role role, Set<Role> allowed, String what) {
    if (!allowed.contains(role)) {
      throw new ProblemException(
          ProblemType.FORBIDDEN,
          what
              + " : réservé à "
              + String.join(
                  ", ", allowed.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).toList())
              + ".");
    }
  }
}
