package fr.officine.segur.it.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a process listens on, read from Linux's /proc (its socket inodes matched against
 * /proc/net/{tcp,tcp6,udp,udp6}), and the machine's own non-loopback addresses.
 */
final class Sockets {
  private Sockets() {}

  /** One bound socket: protocol, local address, port. */
  record Bound(String protocol, InetAddress address, int port) {
    @Override
    public String toString() {
      return protocol
          + " "
          + (address.isAnyLocalAddress() ? "*" : address.getHostAddress())
          + ":"
          + port;
    }
  }

  /** TCP sockets in LISTEN and UDP sockets bound but not connected, owned by {@code pid}. */
  static List<Bound> listening(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // a descriptor closed while listing
        }
      }
    }
    List<Bound> bound = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
      List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        boolean tcp = table.startsWith("tcp");
        // TCP state 0A = LISTEN; UDP: bound and no remote address = receives from anyone
        boolean open = tcp ? f[3].equals("0A") : f[2].matches("0+:0000");
        if (open && inodes.contains(f[9])) {
          String[] local = f[1].split(":");
          bound.add(
              new Bound(tcp ? "tcp" : "udp", address(local[0]), Integer.parseInt(local[1], 16)));
        }
      }
    }
    return bound;
  }

  /** /proc/net's hex address: 32-bit words in host (little-endian) order. */
  private static InetAddress address(String hex) throws UnknownHostException {
    byte[] raw = HexFormat.of().parseHex(hex);
    byte[] bytes = new byte[raw.length];
    for (int word = 0; word < raw.length; word += 4) {
      for (int i = 0; i < 4; i++) {
        bytes[word + i] = raw[word + 3 - i];
      }
    }
    return InetAddress.getByAddress(bytes);
  }

  /**
   * The machine's addresses another host of the LAN could reach (up, not loopback, not link-local).
   */
  static List<InetAddress> lanAddresses() throws SocketException {
    List<InetAddress> found = new ArrayList<>();
    for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      nic.inetAddresses()
          .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
          .forEach(found::add);
    }
    return found;
  }

  /** Whether something accepts a TCP connection there (refused or silent: false). */
  static boolean answers(InetAddress address, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** A TCP port free on loopback now (another process may take it before it is used). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
