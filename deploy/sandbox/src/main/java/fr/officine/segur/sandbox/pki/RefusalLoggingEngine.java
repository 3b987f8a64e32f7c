package fr.officine.segur.sandbox.pki;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The JDK's server engine, unchanged, with one addition: a handshake that fails is logged once, in
 * one INFO line, with its reason. The JDK HttpsServer swallows handshake failures (at most a TRACE
 * of its own) and a client without a certificate never reaches the trust manager, so the engine is
 * the one place that sees every refusal.
 */
final class RefusalLoggingEngine extends SSLEngine {
  private static final System.Logger LOG = System.getLogger(TlsListener.class.getName());

  private final SSLEngine engine;
  private boolean handshaken;

  /** The refusal, thrown again once the JDK engine's alert for it has been handed out. */
  private SSLException failure;

  private boolean alertSent;

  /** Only a TLS client refused for its certificate is mid-flight, and hangs up on the alert. */
  private boolean drainable;

  private int drained;

  RefusalLoggingEngine(SSLEngine engine) {
    super(engine.getPeerHost(), engine.getPeerPort());
    this.engine = engine;
  }

  /*
   * The JDK HttpsServer closes the connection as soon as wrap/unwrap throws, without asking the
   * engine for the fatal alert it has queued: the client would see a bare EOF instead of
   * "bad_certificate" / "certificate_unknown". So a refusal is held back: the next wrap hands the
   * alert out (reported as handshake traffic to send); then what the client still sends of its
   * flight is read and dropped until it hangs up (at most DRAIN_LIMIT bytes): closing with unread
   * bytes would reset the connection, and a TLS 1.2 client still writing its Finished would get
   * "broken pipe" instead of the alert. Not for other failures (plain HTTP sent to this port...):
   * such a peer would wait for an answer while the server waited for it to hang up.
   */
  private static final int DRAIN_LIMIT = 64 * 1024;

  @Override
  public synchronized SSLEngineResult wrap(
      ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
    if (failure != null) {
      SSLEngineResult alert;
      try {
        alert = engine.wrap(srcs, offset, length, dst);
      } catch (SSLException again) {
        throw failure;
      }
      if (alert.bytesProduced() == 0) {
        throw failure;
      }
      alertSent = true;
      return new SSLEngineResult(
          SSLEngineResult.Status.OK,
          SSLEngineResult.HandshakeStatus.NEED_UNWRAP,
          0,
          alert.bytesProduced());
    }
    try {
      return seen(engine.wrap(srcs, offset, length, dst));
    } catch (SSLException e) {
      if (handshaken) {
        throw e;
      }
      refused(e);
      return wrap(srcs, offset, length, dst);
    }
  }

  @Override
  public synchronized SSLEngineResult unwrap(
      ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
    if (failure != null) {
      int n = src.remaining();
      drained += n;
      if (!alertSent || !drainable || drained > DRAIN_LIMIT) {
        throw failure;
      }
      src.position(src.limit());
      return new SSLEngineResult(
          SSLEngineResult.Status.BUFFER_UNDERFLOW,
          SSLEngineResult.HandshakeStatus.NEED_UNWRAP,
          n,
          0);
    }
    try {
      return seen(engine.unwrap(src, dsts, offset, length));
    } catch (SSLException e) {
      if (handshaken) {
        throw e;
      }
      refused(e);
      return new SSLEngineResult(
          SSLEngineResult.Status.OK, SSLEngineResult.HandshakeStatus.NEED_WRAP, 0, 0);
    }
  }

  private SSLEngineResult seen(SSLEngineResult result) {
    if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
      handshaken = true;
    }
    return result;
  }

  private void refused(SSLException e) {
    failure = e;
    Refusal reason = Refusal.HANDSHAKE;
    String subject = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RefusedCertificate r) {
        reason = r.refusal();
        subject = r.subject();
        break;
      }
    }
    // the JDK refuses an empty Certificate message itself, before any trust manager is asked
    if (reason == Refusal.HANDSHAKE
        && String.valueOf(e.getMessage()).matches("(?i).*empty \\w+ certificate chain.*")) {
      reason = Refusal.NO_CERTIFICATE;
    }
    drainable = reason != Refusal.HANDSHAKE;
    LOG.log(
        System.Logger.Level.INFO,
        "TLS client refused at the handshake: {0} ({1}) from {2}:{3,number,#}: {4}",
        reason.text(),
        subject.isEmpty() ? "no subject" : subject,
        getPeerHost(),
        getPeerPort(),
        String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
  }

  // ------------------------------------------------------------ plain delegation

  @Override
  public Runnable getDelegatedTask() {
    return engine.getDelegatedTask();
  }

  @Override
  public void closeInbound() throws SSLException {
    engine.closeInbound();
  }

  @Override
  public boolean isInboundDone() {
    return engine.isInboundDone();
  }

  @Override
  public void closeOutbound() {
    engine.closeOutbound();
  }

  @Override
  public boolean isOutboundDone() {
    return engine.isOutboundDone();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return engine.getSupportedCipherSuites();
  }

  @Override
  public String[] getEnabledCipherSuites() {
    return engine.getEnabledCipherSuites();
  }

  @Override
  public void setEnabledCipherSuites(String[] suites) {
    engine.setEnabledCipherSuites(suites);
  }

  @Override
  public String[] getSupportedProtocols() {
    return engine.getSupportedProtocols();
  }

  @Override
  public String[] getEnabledProtocols() {
    return engine.getEnabledProtocols();
  }

  @Override
  public void setEnabledProtocols(String[] protocols) {
    engine.setEnabledProtocols(protocols);
  }

  @Override
  public SSLSession getSession() {
    return engine.getSession();
  }

  @Override
  public SSLSession getHandshakeSession() {
    return engine.getHandshakeSession();
  }

  @Override
  public void beginHandshake() throws SSLException {
    engine.beginHandshake();
  }

  @Override
  public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
    return engine.getHandshakeStatus();
  }

  @Override
  public void setUseClientMode(boolean mode) {
    engine.setUseClientMode(mode);
  }

  @Override
  public boolean getUseClientMode() {
    return engine.getUseClientMode();
  }

  @Override
  public void setNeedClientAuth(boolean need) {
    engine.setNeedClientAuth(need);
  }

  @Override
  public boolean getNeedClientAuth() {
    return engine.getNeedClientAuth();
  }

  @Override
  public void setWantClientAuth(boolean want) {
    engine.setWantClientAuth(want);
  }

  @Override
  public boolean getWantClientAuth() {
    return engine.getWantClientAuth();
  }

  @Override
  public void setEnableSessionCreation(boolean flag) {
    engine.setEnableSessionCreation(flag);
  }

  @Override
  public boolean getEnableSessionCreation() {
    return engine.getEnableSessionCreation();
  }

  @Override
  public SSLParameters getSSLParameters() {
    return engine.getSSLParameters();
  }

  @Override
  public void setSSLParameters(SSLParameters params) {
    engine.setSSLParameters(params);
  }

  @Override
  public String getApplicationProtocol() {
    return engine.getApplicationProtocol();
  }

  @Override
  public String getHandshakeApplicationProtocol() {
    return engine.getHandshakeApplicationProtocol();
  }

  @Override
  public void setHandshakeApplicationProtocolSelector(
      BiFunction<SSLEngine, List<String>, String> selector) {
    engine.setHandshakeApplicationProtocolSelector(selector);
  }

  @Override
  public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
    return engine.getHandshakeApplicationProtocolSelector();
  }
}
