package fr.officine.segur.web;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.Comparator;
import java.util.Set;

/**
 * Checks every request record as soon as it is read against the {@code @Size} limits it declares
 * ({@link fr.officine.segur.api.request.FieldLimits}, one table): a text too long is {@code 422
 * field-too-long} naming the field ({@code lines[0].deliveredProduct.label}), before any work and
 * before any column could refuse it with a 500. Every endpoint, without each resource having to
 * remember {@code @Valid}.
 */
@Provider
@Priority(Priorities.ENTITY_CODER + 100)
@ApplicationScoped
public class FieldLengthCheck implements ReaderInterceptor {
  private Validator validator;

  /** For CDI's client proxy only. */
  protected FieldLengthCheck() {}

  @Inject
  public FieldLengthCheck(Validator validator) {
    this.validator = validator;
  }

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    Object body = context.proceed();
    if (body != null && body.getClass().isRecord()) {
      check(validator, body);
    }
    return body;
  }

  /** Throws FIELD_TOO_LONG for the first field (by path) past its limit. */
  static void check(Validator validator, Object body) {
    Set<ConstraintViolation<Object>> violations = validator.validate(body);
    violations.stream()
        .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .ifPresent(
            v -> {
              throw new ProblemException(ProblemType.FIELD_TOO_LONG, describe(v));
            });
  }

  static String describe(ConstraintViolation<?> v) {
    String field = v.getPropertyPath().toString();
    Object max = v.getConstraintDescriptor().getAttributes().get("max");
    Object value = v.getInvalidValue();
    boolean list = value instanceof java.util.Collection<?>;
    String size =
        value instanceof CharSequence text
            ? text.length() + " caractères"
            : list ? ((java.util.Collection<?>) value).size() + " éléments" : "trop long";
    if (v.getConstraintDescriptor().getAnnotation() instanceof Size) {
      return "Champ « "
          + field
          + " » : "
          + size
          + ", "
          + max
          + (list ? " éléments" : " caractères")
          + " au plus.";
    }
    return "Champ « " + field + " » invalide.";
  }
}
