package fr.officine.segur.dmp;

import java.util.List;

/** An ITI-41 RegistryResponse: Success, or the RegistryErrors of a Failure. */
public record RegistryAnswer(boolean success, List<Error> errors) {
  /** One rs:RegistryError: IHE code or DMP code, and the DMP's (French) codeContext. */
  public record Error(String code, String context) {}

  public boolean has(String code) {
    return errors.stream().anyMatch(e -> e.code().equals(code));
  }
}
