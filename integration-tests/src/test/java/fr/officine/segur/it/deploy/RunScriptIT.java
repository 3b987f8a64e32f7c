package fr.officine.segur.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import fr.officine.segur.it.support.Http;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 11 (network and files): {@code deploy/run.sh} itself, started twice like an operator does
 * (the second time with another build of the WAR), then what a host of the LAN and a local account
 * can reach. Connections to the machine's own non-loopback addresses stay on this host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunScriptIT {
  private static final long LOG_MAX_BYTES = 65_536;
  private static final int LOG_FILES = 20;

  /** JUL rotates after the record that crosses the limit: one record (a stack trace) of slack. */
  private static final long ONE_RECORD = 32_768;

  private final Path root =
      Path.of(System.getProperty("project.rootDir")).toAbsolutePath().normalize();
  private final Path work =
      Path.of(System.getProperty("payara.microJar")).getParent().resolve("run-script");
  private final Path data = work.resolve("data");
  private final Map<String, String> env = new HashMap<>();
  private List<InetAddress> lan;
  private int httpPort;
  private int httpsPort;
  private RunScript run;

  @BeforeAll
  void start_run_sh() throws Exception {
    RunScript.deleteTree(work);
    Files.createDirectories(work);
    lan = Sockets.lanAddresses();
    httpPort = Sockets.freePort();
    httpsPort = Sockets.freePort();
    env.put("MODULE_PORT", Integer.toString(httpPort));
    env.put("MODULE_TLS_PORT", Integer.toString(httpsPort));
    env.put("SANDBOX_PORT", Integer.toString(Sockets.freePort()));
    env.put("SANDBOX_TLS_PORT", Integer.toString(Sockets.freePort()));
    env.put("SANDBOX_SMTP_PORT", Integer.toString(Sockets.freePort()));
    env.put("DATA_DIR", data.toString());
    env.put("MODULE_WAR", System.getProperty("module.war"));
    env.put("SANDBOX_JAR", System.getProperty("sandbox.jar"));
    env.put("PAYARA_JAR", System.getProperty("payara.microJar"));
    env.put("LOG_MAX_BYTES", Long.toString(LOG_MAX_BYTES));
    env.put("LOG_FILES", Integer.toString(LOG_FILES));
    // what listens and how a restart deploys is proven here; the sandbox DMP's CDA validation (on
    // by
    // default in run.sh) is proven by CdaConformanceTest and would only add its compilation per
    // start
    env.put("CDA_VALIDATION", "off");
    // the names the counters of the LAN use: a host name and this machine's IPv4 addresses
    env.put(
        "TLS_NAMES",
        Stream.concat(
                Stream.of("dns:comptoir.pharmacie.test"),
                lan.stream()
                    .filter(a -> a instanceof Inet4Address)
                    .map(a -> "ip:" + a.getHostAddress()))
            .collect(Collectors.joining(",")));
    run = RunScript.start(root, env, work.resolve("run-1.out"));
  }

  @AfterAll
  void stop_run_sh() throws InterruptedException {
    if (run != null) {
      run.close();
    }
  }

  @Test
  @Order(1)
  void the_single_node_listens_on_plain_http_on_loopback_and_https_and_nothing_else()
      throws IOException {
    long module = modulePid();
    List<Sockets.Bound> bound = Sockets.listening(module);
    System.out.println("[RunScriptIT] the module's JVM listens on " + bound);
    // §2: no Hazelcast (6900…), no multicast discovery, no H2 server; §7: plain http on loopback
    assertThat(bound)
        .as("every socket the module's JVM accepts connections or datagrams on")
        .hasSize(2)
        .anySatisfy(
            b -> {
              assertThat(b.protocol()).isEqualTo("tcp");
              assertThat(b.port()).isEqualTo(httpPort);
              assertThat(b.address().isLoopbackAddress())
                  .as("plain http bound to loopback")
                  .isTrue();
            })
        .anySatisfy(
            b -> {
              assertThat(b.protocol()).isEqualTo("tcp");
              assertThat(b.port()).isEqualTo(httpsPort);
            });
  }

  @Test
  @Order(2)
  void nothing_answers_on_the_hazelcast_ports_on_loopback_or_on_the_lan_addresses()
      throws IOException {
    List<InetAddress> targets = new ArrayList<>(lan);
    targets.add(InetAddress.getLoopbackAddress());
    Set<Integer> modulePorts =
        Sockets.listening(modulePid()).stream()
            .map(Sockets.Bound::port)
            .collect(Collectors.toSet());
    List<String> answered = new ArrayList<>();
    for (InetAddress target : targets) {
      for (int port = 6900; port <= 6902; port++) {
        if (Sockets.answers(target, port)) {
          // on this shared machine another program may hold the port: only the module's count
          if (modulePorts.contains(port)) {
            answered.add(target.getHostAddress() + ":" + port);
          } else {
            System.out.println(
                "[RunScriptIT] "
                    + target.getHostAddress()
                    + ":"
                    + port
                    + " answers, but not the module's JVM");
          }
        }
      }
    }
    System.out.println("[RunScriptIT] tried 6900-6902 on " + targets);
    assertThat(answered).as("cluster ports of the module answering").isEmpty();
  }

  @Test
  @Order(3)
  void a_host_of_the_lan_cannot_use_plain_http() {
    assumeThat(lan).as("this machine has no non-loopback address to try from").isNotEmpty();
    for (InetAddress a : lan) {
      assertThat(Sockets.answers(a, httpPort))
          .as("plain http on " + a.getHostAddress() + ":" + httpPort)
          .isFalse();
    }
    assertThat(new Http().send("GET", URI.create(plain("/")), Map.of(), null, null).status())
        .as("the counter page on loopback")
        .isEqualTo(200);
  }

  @Test
  @Order(4)
  void https_answers_on_the_lan_names_with_hsts_and_the_certificate_of_this_installation()
      throws Exception {
    Http https = new Http(trustingModuleCa());
    List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1"));
    lan.stream()
        .filter(a -> a instanceof Inet4Address)
        .map(InetAddress::getHostAddress)
        .forEach(hosts::add);
    for (String host : hosts) {
      // hostname verification on: the certificate names every address the counters use
      Http.Reply page =
          https.send(
              "GET", URI.create("https://" + host + ":" + httpsPort + "/"), Map.of(), null, null);
      assertThat(page.status()).as("counter page over https on " + host).isEqualTo(200);
      // not to localhost: HSTS would also cover the server's own http://localhost:<plain port>
      assertThat(page.header("Strict-Transport-Security"))
          .as("HSTS on " + host)
          .isEqualTo(host.equals("localhost") ? null : "max-age=31536000");
    }
    X509Certificate served = certificate(data.resolve("module/tls/module-tls.pem"));
    assertThat(served.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))))
        .as("the configured names (TLS_NAMES) and localhost")
        .contains("comptoir.pharmacie.test", "localhost", "127.0.0.1");
    Http.Reply login =
        https.send(
            "POST",
            URI.create("https://localhost:" + httpsPort + "/api/v1/sessions"),
            Map.of(),
            "application/json",
            "{\"login\":\"titulaire\",\"password\":\"titulaire\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(login.status()).as("run.sh keeps sandbox mode explicitly (§14)").isEqualTo(201);
  }

  @Test
  @Order(5)
  void
      payara_metrics_and_health_do_not_answer_openapi_is_the_contract_and_card_readers_are_listed_only_to_this_machine()
          throws Exception {
    Http https = new Http(trustingModuleCa());
    List<String> bases = new ArrayList<>(List.of(plain(""), "https://localhost:" + httpsPort));
    lan.stream()
        .filter(a -> a instanceof Inet4Address)
        .forEach(a -> bases.add("https://" + a.getHostAddress() + ":" + httpsPort));
    for (String base : bases) {
      for (String path : List.of("/metrics", "/health")) {
        Http.Reply r = https.send("GET", URI.create(base + path), Map.of(), null, null);
        assertThat(r.status()).as(base + path + " without a session").isIn(403, 404);
      }
      // the static contract (issue 16 §1): nothing of the server in it (no endpoints, no servers)
      Http.Reply openapi = https.send("GET", URI.create(base + "/openapi"), Map.of(), null, null);
      assertThat(openapi.status()).as(base + "/openapi").isEqualTo(200);
      String document = new String(openapi.body(), StandardCharsets.UTF_8);
      // Payara serves the document as YAML or JSON depending on the request: checked in either form
      assertThat(document)
          .contains("recordDispensation")
          .doesNotContain("endpoints:", "\"endpoints\"", "\nservers:", "\"servers\"");
    }
    Http.Reply local =
        new Http()
            .send("GET", URI.create(plain("/api/v1/sessions/cps/readers")), Map.of(), null, null);
    assertThat(local.status()).as("readers from this machine").isEqualTo(200);
    List<InetAddress> lan4 = lan.stream().filter(a -> a instanceof Inet4Address).toList();
    assumeThat(lan4).as("this machine has no non-loopback IPv4 address to ask from").isNotEmpty();
    Http.Reply remote =
        https.send(
            "GET",
            URI.create(
                "https://"
                    + lan4.get(0).getHostAddress()
                    + ":"
                    + httpsPort
                    + "/api/v1/sessions/cps/readers"),
            Map.of(),
            null,
            null);
    assertThat(remote.status()).as("readers from a LAN address").isEqualTo(403);
    assertThat(remote.contentType()).startsWith("application/problem+json");
    assertThat(remote.json().getString("type")).endsWith("cps-workstation-refused");
  }

  @Test
  @Order(6)
  void database_logs_keys_and_payara_files_are_readable_by_their_owner_only() throws IOException {
    assertThat(groupOrOtherAccessible())
        .as("files and folders under DATA_DIR open to group/others")
        .isEmpty();
    assertThat(data.resolve("module/segur.mv.db")).exists();
  }

  @Test
  @Order(7)
  void a_restart_with_a_new_build_deploys_it_once_from_the_kept_archive_and_appends_to_the_log()
      throws Exception {
    // the first start writes the class-data archive of the next in the background once ready
    Path archive = data.resolve("payara/classes.jsa");
    awaitArchive(archive);
    run.close();
    String build = UUID.randomUUID().toString();
    Path next = work.resolve("module-next.war");
    Files.copy(
        Path.of(System.getProperty("module.war")), next, StandardCopyOption.REPLACE_EXISTING);
    try (FileSystem war = FileSystems.newFileSystem(next)) {
      Files.writeString(war.getPath("/run-script-build.txt"), build);
    }
    env.put("MODULE_WAR", next.toString());
    run = RunScript.start(root, env, work.resolve("run-2.out"));
    assertThat(Files.readString(Path.of("/proc/" + modulePid() + "/maps")))
        .as("the restarted module maps the archive (the JVM accepted it)")
        .contains(archive.toRealPath().toString());
    Path split = data.resolve("payara/war").toRealPath();
    assertThat(Files.readString(Path.of("/proc/" + modulePid() + "/cmdline")))
        .as("Bouncy Castle on the class path (deploy/payara/shared-libs)")
        .contains(split.resolve("libs/bcprov-").toString());
    try (FileSystem deployed = FileSystems.newFileSystem(split.resolve("module-next.war"));
        Stream<Path> libs = Files.list(deployed.getPath("/WEB-INF/lib"))) {
      assertThat(libs.map(lib -> lib.getFileName().toString()))
          .as("the deployed WAR's libraries")
          .noneMatch(lib -> lib.startsWith("bcprov-"))
          .anyMatch(lib -> lib.startsWith("flyway-core-"));
    }

    assertThat(
            new Http()
                .send("GET", URI.create(plain("/run-script-build.txt")), Map.of(), null, null)
                .text())
        .as("the build served after the restart")
        .isEqualTo(build);
    String log = logsOldestFirst();
    List<Integer> starts = indexesOf(log, "run.sh: starting the module");
    assertThat(starts).as("both starts in the log: the restart appended (§5)").hasSize(2);
    // before: Payara's kept root directory loaded the previous build at / ("Loading application
    // [module] at [/]"), and the new one could not take / (the old build kept serving)
    String second = log.substring(starts.get(1));
    assertThat(applications(second, LOADED))
        .as("applications loaded by the second start (§8)")
        .containsExactly("module-next");
    assertThat(applications(second, DEPLOYED))
        .as("applications deployed by the second start")
        .containsExactly("module-next");
    assertThat(applications(log.substring(starts.get(0), starts.get(1)), LOADED))
        .containsExactly("module");

    List<Path> files = logFiles();
    System.out.println(
        "[RunScriptIT] module logs: "
            + files.stream().map(f -> f.getFileName() + "=" + size(f)).toList());
    assertThat(files)
        .as("rotated by size (LOG_MAX_BYTES)")
        .hasSizeGreaterThan(1)
        .hasSizeLessThanOrEqualTo(LOG_FILES);
    assertThat(files)
        .allSatisfy(
            f -> assertThat(size(f)).as(f.toString()).isLessThan(LOG_MAX_BYTES + ONE_RECORD));
    assertThat(groupOrOtherAccessible())
        .as("after the restart (rotated logs, new Payara root)")
        .isEmpty();
  }

  // --- helpers

  /**
   * Until the first start's archive writer says how it ended (deploy/lib/launch.sh payara_archive:
   * the last line of archive.log, after the rename): a bound, not a wait, since the writing runs at
   * the lowest priority on a machine that may be busy. Read from that line, not from a process
   * list: a JVM exiting has no command line any more, and the rename comes after it.
   */
  private void awaitArchive(Path archive) throws IOException, InterruptedException {
    Path log = archive.resolveSibling("archive.log");
    Path pid = archive.resolveSibling("archive.pid");
    assertThat(pid).as("an archive writer started by the first start").exists();
    Optional<ProcessHandle> writer =
        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()));
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (true) {
      // alive first, then the log: a writer gone has written its last line before
      boolean alive = writer.filter(ProcessHandle::isAlive).isPresent();
      String written = Files.readString(log);
      if (written.contains("archive: written")) {
        break;
      }
      if (written.contains("archive: not written") || !alive) {
        throw new AssertionError("no class-data archive written, " + log + ": " + written);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("class-data archive still being written after 10 minutes");
      }
      Thread.sleep(1_000);
    }
    assertThat(archive).as("the archive written by the first start").isNotEmptyFile();
  }

  private String plain(String path) {
    return "http://127.0.0.1:" + httpPort + path;
  }

  private long modulePid() throws IOException {
    return Long.parseLong(Files.readString(data.resolve("module/module.pid")).trim());
  }

  private SSLContext trustingModuleCa() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("module-ca", certificate(data.resolve("module/tls/module-ca.pem")));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return tls;
  }

  private static X509Certificate certificate(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private List<String> groupOrOtherAccessible() throws IOException {
    Set<PosixFilePermission> shared =
        EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    List<String> open = new ArrayList<>();
    try (Stream<Path> all = Files.walk(data)) {
      for (Path p : all.toList()) {
        try {
          Set<PosixFilePermission> perms =
              Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
          if (perms.stream().anyMatch(shared::contains) && !Files.isSymbolicLink(p)) {
            open.add(p + " " + java.nio.file.attribute.PosixFilePermissions.toString(perms));
          }
        } catch (java.nio.file.NoSuchFileException goneMeanwhile) {
          // a temporary file removed while walking
        }
      }
    }
    return open;
  }

  private List<Path> logFiles() throws IOException {
    try (Stream<Path> files = Files.list(data.resolve("logs"))) {
      return files
          .filter(f -> f.getFileName().toString().matches("module\\.\\d+\\.log"))
          .sorted(Comparator.comparingInt(RunScriptIT::generation).reversed())
          .toList();
    }
  }

  private String logsOldestFirst() throws IOException {
    StringBuilder all = new StringBuilder();
    for (Path f : logFiles()) {
      all.append(Files.readString(f, StandardCharsets.UTF_8));
    }
    return all.toString();
  }

  private static int generation(Path f) {
    String n = f.getFileName().toString();
    return Integer.parseInt(n.substring("module.".length(), n.length() - ".log".length()));
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Integer> indexesOf(String text, String marker) {
    List<Integer> at = new ArrayList<>();
    for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
      at.add(i);
    }
    return at;
  }

  /** Payara's "<name> was successfully deployed in … milliseconds." lines. */
  private static final Pattern DEPLOYED =
      Pattern.compile("\\] (\\S+) was successfully deployed in");

  /**
   * Payara's "Loading application [<name>] at [/]": also an application its root directory kept.
   */
  private static final Pattern LOADED = Pattern.compile("Loading application \\[(\\S+)\\] at ");

  private static List<String> applications(String log, Pattern line) {
    Matcher m = line.matcher(log);
    List<String> names = new ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
