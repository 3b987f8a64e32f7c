package fr.officine.segur.trust;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The action a resource method performs. Declaring it is all a new endpoint needs: the roles come
 * from the habilitation matrix ({@link Action}), checked by {@link AuthorizationFilter}, and the
 * call is appended to the audit log after it is answered (who, role, pharmacy, patient, what, when,
 * from where, outcome), also when it is refused or fails.
 *
 * <p>The audit takes its target from the path: {@code {number}} is a prescription number, {@code
 * {id}} a dispensation id (its prescription is looked up), {@code {ins}} (path or query parameter)
 * a patient's INS. A resource that learns the patient only from a national answer says it with one
 * line: {@code auditContext.patient(ins)}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Performs {
  Action value();
}
