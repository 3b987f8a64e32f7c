package fr.officine.segur.trust;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether a request comes from the machine running the module (a loopback address). What only the
 * machine's own counter may do (its PC/SC readers) is refused to the other hosts of the LAN.
 */
public final class ThisMachine {
  private ThisMachine() {}

  /** {@code remoteAddr} as the servlet container gives it (a literal address, never resolved). */
  public static boolean isLoopback(String remoteAddr) {
    // only a literal IPv4/IPv6 address is looked at, so no name is ever resolved
    if (remoteAddr == null || !remoteAddr.matches("[0-9A-Fa-f:.]{2,45}")) {
      return false;
    }
    try {
      return InetAddress.getByName(remoteAddr).isLoopbackAddress();
    } catch (UnknownHostException notAnAddress) {
      return false;
    }
  }
}
