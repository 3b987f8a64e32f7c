package fr.officine.segur.sandbox.dmp;

/**
 * A refusal at the WS-Security / VIHF or WS-Addressing level: answered as a SOAP 1.2 Sender fault
 * (not as a RegistryResponse), with a WS-Security or WS-Addressing subcode, the sandbox's code in
 * the Detail and a French reason.
 *
 * @param subcodeNamespace namespace of the subcode (wsse or wsa)
 * @param subcode e.g. FailedCheck, InvalidSecurityToken, InvalidSecurity, ActionNotSupported
 * @param code the sandbox's code, e.g. VIHF_SIGNATURE_INVALIDE
 */
public final class SecurityFault extends RuntimeException {
  private final String subcodeNamespace;
  private final String subcode;
  private final String code;

  public SecurityFault(String subcodeNamespace, String subcode, String code, String message) {
    super(message);
    this.subcodeNamespace = subcodeNamespace;
    this.subcode = subcode;
    this.code = code;
  }

  public static SecurityFault vihf(String code, String message) {
    return new SecurityFault(Xml.WSSE, "InvalidSecurityToken", code, message);
  }

  public String subcodeNamespace() {
    return subcodeNamespace;
  }

  public String subcode() {
    return subcode;
  }

  public String code() {
    return code;
  }
}
