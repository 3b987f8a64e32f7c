package fr.officine.segur.trust;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a resource method (or every method of a resource class). Without it,
 * any authenticated professional may call: for issue 2 all three roles consult and record; the
 * habilitation matrix of a later issue narrows methods with this annotation, checked in one place
 * ({@link Authorizer}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {
  Role[] value();
}
