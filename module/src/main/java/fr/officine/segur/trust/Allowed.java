package fr.officine.segur.trust;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Roles allowed on a method (or every method of a class) that performs no {@link Action} of the
 * matrix. Prefer {@link Performs}: it takes the roles from the habilitation matrix and audits the
 * call; {@code @Performs} wins when both are present. Without either, any authenticated
 * professional may call (e.g. "who am I", logout).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {
  Role[] value();
}
