package fr.officine.segur.dispensation;

/**
 * Told when a dispensation's status changed after its first answer could be given (in doubt,
 * settled by the recovery task or a pharmacist, not recorded): the counter screens of its
 * pharmacy follow it live (issue 10 §1). The dispensation feature only says so; who listens is
 * the counter's concern.
 */
@FunctionalInterface
public interface DispensationChanges {
  /** Nobody listens (tests of the base exchange alone). */
  DispensationChanges NONE = d -> {};

  void changed(Dispensation d);
}
