package fr.officine.segur.sandbox;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import fr.officine.segur.sandbox.admin.AdminApi;
import fr.officine.segur.sandbox.db.Database;
import fr.officine.segur.sandbox.dmp.Dmp;
import fr.officine.segur.sandbox.dmp.DmpStore;
import fr.officine.segur.sandbox.dp.Dp;
import fr.officine.segur.sandbox.documents.OrdonnanceRenderer;
import fr.officine.segur.sandbox.documents.QrCodes;
import fr.officine.segur.sandbox.eprescription.EPrescriptionEndpoint;
import fr.officine.segur.sandbox.eprescription.PrescriptionBase;
import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.faults.OutageFilter;
import fr.officine.segur.sandbox.faults.SandboxService;
import fr.officine.segur.sandbox.insi.Insi;
import fr.officine.segur.sandbox.seed.Seeder;
import jakarta.xml.ws.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the sandbox of the national services: one JDK HttpServer on one port, hosting the SOAP
 * endpoints and the admin API under /sandbox.
 */
public final class Sandbox {
  /** Enough for the concurrent counters of a benchmark; each SOAP call holds a thread. */
  private static final int WORKER_THREADS = 32;

  private Sandbox() {}

  public static RunningSandbox start(SandboxConfig config) {
    Database eprescriptionDb = Database.open(config.dataDir(), "eprescription");
    Database dmpDb = Database.open(config.dataDir(), "dmp");
    Database dpDb = Database.open(config.dataDir(), "dp");
    try {
      eprescriptionDb.runScript("/sandbox/eprescription-schema.sql");
      PrescriptionBase base = new PrescriptionBase(eprescriptionDb, config.clock());
      Seeder seeder = new Seeder(base);
      seeder.seedIfEmpty();
      Dmp dmp = new Dmp(dmpDb, config.clock());
      // the DP forwards to the DMP in-process (route via-dp), through the DMP's own store
      Dp dp = new Dp(dpDb, new DmpStore(dmpDb, config.clock()), config.clock());
      FaultModes faults = new FaultModes();
      QrCodes qrCodes = new QrCodes();

      HttpServer server =
          HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
      ExecutorService executor = Executors.newFixedThreadPool(WORKER_THREADS, workerThreads());
      server.setExecutor(executor);

      Endpoint eprescription = Endpoint.create(new EPrescriptionEndpoint(base, faults));
      HttpContext context = server.createContext("/eprescription");
      context.getFilters().add(new OutageFilter(faults, SandboxService.EPRESCRIPTION));
      eprescription.publish(context);
      List<Endpoint> endpoints = new ArrayList<>(List.of(eprescription));
      endpoints.addAll(dmp.publish(server, faults));
      endpoints.add(Insi.publish(server, faults));
      endpoints.add(dp.publish(server, faults));

      server.createContext(
          "/sandbox",
          new AdminApi(base, seeder, faults, qrCodes, new OrdonnanceRenderer(qrCodes),
              () -> {
                dmp.reset();
                dp.reset();
              }));
      server.start();
      return new RunningSandbox(
          server, executor, endpoints, List.of(eprescriptionDb, dmpDb, dpDb), config.host());
    } catch (IOException e) {
      eprescriptionDb.close();
      dmpDb.close();
      dpDb.close();
      throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port(), e);
    } catch (RuntimeException e) {
      eprescriptionDb.close();
      dmpDb.close();
      dpDb.close();
      throw e;
    }
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
