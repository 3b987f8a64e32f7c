package fr.officine.segur.sandbox;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import fr.officine.segur.sandbox.admin.AdminApi;
import fr.officine.segur.sandbox.db.Database;
import fr.officine.segur.sandbox.dmp.CdaConformance;
import fr.officine.segur.sandbox.dmp.Dmp;
import fr.officine.segur.sandbox.dmp.DmpStore;
import fr.officine.segur.sandbox.documents.OrdonnanceRenderer;
import fr.officine.segur.sandbox.documents.QrCodes;
import fr.officine.segur.sandbox.dp.Dp;
import fr.officine.segur.sandbox.eprescription.EPrescriptionEndpoint;
import fr.officine.segur.sandbox.eprescription.PrescriptionBase;
import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.faults.OutageFilter;
import fr.officine.segur.sandbox.faults.SandboxService;
import fr.officine.segur.sandbox.insi.Insi;
import fr.officine.segur.sandbox.mssante.Mailboxes;
import fr.officine.segur.sandbox.mssante.MssanteAdmin;
import fr.officine.segur.sandbox.mssante.MssanteAnnuaire;
import fr.officine.segur.sandbox.mssante.MssanteDirectory;
import fr.officine.segur.sandbox.mssante.MssanteOperator;
import fr.officine.segur.sandbox.pki.PkiAdmin;
import fr.officine.segur.sandbox.pki.SealCertificates;
import fr.officine.segur.sandbox.pki.TestPki;
import fr.officine.segur.sandbox.pki.TlsListener;
import fr.officine.segur.sandbox.seed.Seeder;
import jakarta.xml.ws.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the sandbox of the national services: a JDK HttpServer hosting the SOAP endpoints and the
 * admin API under /sandbox, and an HttpsServer on a second port hosting the same SOAP services
 * behind mutual TLS with the sandbox's test PKI (IGC-Santé's stand-in, {@link TestPki}), and the
 * MSSanté operator's SMTP server on a third port (STARTTLS, client certificate of the same PKI).
 */
public final class Sandbox {
  /** Enough for the concurrent counters of a benchmark; each SOAP call holds a thread. */
  private static final int WORKER_THREADS = 32;

  private Sandbox() {}

  public static RunningSandbox start(SandboxConfig config) {
    // the PKI is checked against real time: a TLS peer uses its own clock, not the sandbox's
    // "today"
    TestPki pki;
    if (config.pkiDir() != null) {
      pki = TestPki.openOrCreate(config.pkiDir(), Clock.systemUTC());
    } else if (config.dataDir() != null) {
      pki = TestPki.openOrCreate(config.dataDir().resolve("pki"), Clock.systemUTC());
    } else {
      pki = TestPki.temporary(Clock.systemUTC());
    }
    Database eprescriptionDb = null;
    Database dmpDb = null;
    Database dpDb = null;
    Database mssanteDb = null;
    MssanteOperator mssante = null;
    try {
      eprescriptionDb = Database.open(config.dataDir(), "eprescription");
      dmpDb = Database.open(config.dataDir(), "dmp");
      dpDb = Database.open(config.dataDir(), "dp");
      mssanteDb = Database.open(config.dataDir(), "mssante");
      eprescriptionDb.runScript("/sandbox/eprescription-schema.sql");
      PrescriptionBase base = new PrescriptionBase(eprescriptionDb, config.clock());
      Seeder seeder = new Seeder(base);
      seeder.seedIfEmpty();
      Dmp dmp =
          new Dmp(
              dmpDb,
              config.clock(),
              new SealCertificates(pki, Clock.systemUTC()),
              // compiled in the background from now: the first ITI-41 waits for it, not the start
              config.cdaValidation()
                  ? Optional.of(new CdaConformance().startCompiling())
                  : Optional.empty());
      // the DP forwards to the DMP in-process (route via-dp), through the DMP's own store
      Dp dp = new Dp(dpDb, new DmpStore(dmpDb, config.clock()), config.clock());
      FaultModes faults = new FaultModes();
      QrCodes qrCodes = new QrCodes();
      MssanteDirectory directory = new MssanteDirectory();
      Mailboxes mailboxes = new Mailboxes(mssanteDb);

      HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
      HttpsServer tls =
          TlsListener.create(
              new InetSocketAddress(config.host(), config.tlsPort()), pki, Clock.systemUTC());
      ExecutorService executor = Executors.newFixedThreadPool(WORKER_THREADS, workerThreads());
      server.setExecutor(executor);
      tls.setExecutor(executor);

      // plain HTTP: the SOAP services (tests, demos) and the admin API, as before
      List<Endpoint> endpoints = new ArrayList<>();
      endpoints.add(publishEPrescription(server, base, faults));
      endpoints.addAll(dmp.publish(server, faults));
      endpoints.add(Insi.publish(server, faults));
      endpoints.add(dp.publish(server, faults));
      server.createContext(
          "/sandbox",
          new AdminApi(
              base,
              seeder,
              faults,
              qrCodes,
              new OrdonnanceRenderer(qrCodes),
              () -> {
                dmp.reset();
                dp.reset();
                mailboxes.clear();
              }));
      server.createContext(MssanteAdmin.PATH, new MssanteAdmin(mailboxes, directory));
      server.createContext(MssanteAnnuaire.PATH, new MssanteAnnuaire(directory));
      server.createContext(PkiAdmin.PATH, new PkiAdmin(pki));

      // TLS: the same services (own Endpoints, same state), as the national services are reached
      endpoints.add(publishEPrescription(tls, base, faults));
      endpoints.addAll(dmp.publishServices(tls, faults));
      endpoints.add(Insi.publish(tls, faults));
      endpoints.add(dp.publishService(tls, faults));
      tls.createContext(MssanteAnnuaire.PATH, new MssanteAnnuaire(directory));

      mssante =
          MssanteOperator.start(
              config.host(), config.smtpPort(), pki, directory, mailboxes, faults, config.clock());

      server.start();
      tls.start();
      return new RunningSandbox(
          server,
          tls,
          executor,
          endpoints,
          List.of(eprescriptionDb, dmpDb, dpDb, mssanteDb),
          pki,
          config.host(),
          mssante);
    } catch (IOException e) {
      closeAll(pki, eprescriptionDb, dmpDb, dpDb, mssanteDb);
      throw new UncheckedIOException(
          "cannot listen on " + config.host() + ":" + config.port() + " and :" + config.tlsPort(),
          e);
    } catch (RuntimeException e) {
      if (mssante != null) {
        mssante.close();
      }
      closeAll(pki, eprescriptionDb, dmpDb, dpDb, mssanteDb);
      throw e;
    }
  }

  private static Endpoint publishEPrescription(
      HttpServer server, PrescriptionBase base, FaultModes faults) {
    Endpoint eprescription = Endpoint.create(new EPrescriptionEndpoint(base, faults));
    HttpContext context = server.createContext("/eprescription");
    context.getFilters().add(new OutageFilter(faults, SandboxService.EPRESCRIPTION));
    eprescription.publish(context);
    return eprescription;
  }

  private static void closeAll(TestPki pki, Database... databases) {
    for (Database db : databases) {
      if (db != null) {
        db.close();
      }
    }
    pki.close();
  }

  private static ThreadFactory workerThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "sandbox-http-" + n.incrementAndGet());
      t.setDaemon(false);
      return t;
    };
  }
}
