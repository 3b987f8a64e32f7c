package fr.officine.segur.sandbox.dmp;

import java.util.List;

/** A request the DMP refuses: answered as a RegistryResponse (or AdhocQueryResponse) Failure. */
final class XdsRefusal extends RuntimeException {
  private final List<RegistryError> errors;

  XdsRefusal(List<RegistryError> errors) {
    super(errors.get(0).errorCode() + ": " + errors.get(0).codeContext());
    this.errors = List.copyOf(errors);
  }

  XdsRefusal(String code, String context) {
    this(List.of(RegistryError.of(code, context)));
  }

  List<RegistryError> errors() {
    return errors;
  }
}
