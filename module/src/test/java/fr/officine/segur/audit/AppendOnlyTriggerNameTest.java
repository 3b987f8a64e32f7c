package fr.officine.segur.audit;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.data.V6_1__Audit_append_only;
import org.junit.jupiter.api.Test;

class AppendOnlyTriggerNameTest {
  /** H2 keeps the trigger's class name in each database migrated since 6.1 and loads it by name. */
  @Test
  void the_trigger_class_named_by_migration_6_1_is_the_audit_append_only_trigger()
      throws Exception {
    assertThat(Class.forName(V6_1__Audit_append_only.H2_TRIGGER_CLASS))
        .isEqualTo(AppendOnlyTrigger.class);
  }
}
