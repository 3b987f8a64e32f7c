package fr.officine.segur.sandbox.mssante;

import fr.officine.segur.sandbox.faults.FaultMode;
import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.faults.SandboxService;
import fr.officine.segur.sandbox.pki.TestPki;
import fr.officine.segur.sandbox.pki.TlsListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SessionHandler;
import org.subethamail.smtp.server.SessionHandler.SessionAcceptance;

/**
 * The sandbox's MSSanté operator: a real SMTP server on loopback on a port of its own, as an LPS
 * reaches its operator. The real interface (ASIP Santé/ANS, "DST des interfaces MSSanté des clients
 * de messagerie" v0.9.5 §TM3.2C "Émission de messages par SMTPS", and its successor the "DST
 * Interface LPS-Opérateurs MSSanté"): SMTP submission with STARTTLS (port 587 at the operators),
 * the TLS session mutually authenticated, the LPS presenting a CPS card or, for an organisational
 * or applicative mailbox, an IGC-Santé organisation certificate. Here:
 *
 * <ul>
 *   <li>STARTTLS is required before any mail transaction (530 otherwise), TLS 1.2/1.3 only;
 *   <li>the client certificate is required and checked against the sandbox PKI exactly as on the
 *       services' TLS port (path to the test root, CRL, clientAuth purpose): a client without one,
 *       or with another PKI's, fails the handshake and can send nothing;
 *   <li>the sender must be a mailbox of the organisation the certificate names (its {@code
 *       OU=1<FINESS>}), and every recipient a mailbox of the directory ({@link MssanteDirectory});
 *   <li>fault modes ({@code POST /sandbox/faults} service {@code mssante}): {@code down} answers
 *       421 at connection, {@code error} a 451 at the end of DATA (both temporary in SMTP: the
 *       client keeps the message and retries), {@code slow} holds DATA's answer.
 * </ul>
 */
public final class MssanteOperator implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MssanteOperator.class.getName());
  static final String HOST_NAME = "mssante.sandbox.test";

  private final SMTPServer server;
  private final ExecutorService executor;

  private MssanteOperator(SMTPServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Started, listening on {@code host:port} (0 = any free port: {@link #port()}). */
  public static MssanteOperator start(
      String host,
      int port,
      TestPki pki,
      MssanteDirectory directory,
      Mailboxes mailboxes,
      FaultModes faults,
      Clock clock) {
    SSLContext tls = TlsListener.serverContext(pki, Clock.systemUTC());
    ExecutorService executor = Executors.newCachedThreadPool(threads());
    SMTPServer server =
        SMTPServer.port(port)
            .bindAddress(address(host))
            .hostName(HOST_NAME)
            .softwareName("officine-segur sandbox MSSanté operator")
            .executorService(executor)
            .enableTLS()
            .requireTLS()
            .startTlsSocketFactory(MssanteOperator.serverSocket(tls))
            .sessionHandler(new Outage(faults))
            .messageHandlerFactory(
                context -> new Submission(context, directory, mailboxes, faults, clock))
            .maxMessageSize(10 * 1024 * 1024)
            .connectionTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
            .build();
    server.start();
    LOG.log(
        System.Logger.Level.INFO,
        "MSSanté operator (SMTP + STARTTLS, client certificate required) on {0}:{1}",
        host,
        String.valueOf(server.getPortAllocated()));
    return new MssanteOperator(server, executor);
  }

  public int port() {
    return server.getPortAllocated();
  }

  /**
   * The TLS side of STARTTLS: server mode, the test PKI's server certificate, a client certificate
   * required (the handshake fails without one, before any mail command is read).
   */
  static org.subethamail.smtp.server.SSLSocketCreator serverSocket(SSLContext tls) {
    return (Socket socket) -> {
      InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
      SSLSocket s =
          (SSLSocket)
              tls.getSocketFactory()
                  .createSocket(socket, remote.getHostString(), socket.getPort(), true);
      s.setUseClientMode(false);
      s.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      s.setNeedClientAuth(true);
      return s;
    };
  }

  private static InetAddress address(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host " + host, e);
    }
  }

  private static java.util.concurrent.ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "sandbox-smtp-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    server.stop();
    executor.shutdownNow();
  }

  /** The {@code down} fault: the greeting is a 421, as a real server in maintenance answers. */
  private record Outage(FaultModes faults) implements SessionHandler {
    @Override
    public SessionAcceptance accept(org.subethamail.smtp.server.Session session) {
      if (faults.of(SandboxService.MSSANTE).mode() == FaultMode.Mode.DOWN) {
        return SessionAcceptance.failure(
            421, "4.3.2 " + HOST_NAME + " service temporairement indisponible");
      }
      return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(org.subethamail.smtp.server.Session session) {}
  }
}
