package fr.officine.segur.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.sandbox.seed.Seeder;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxMainTest {

  @Test
  void the_dmp_cda_validation_is_off_unless_asked() {
    assertThat(SandboxMain.parse(new String[] {}).cdaValidation()).isFalse();
    assertThat(SandboxMain.parse(new String[] {"--cda-validation", "on"}).cdaValidation()).isTrue();
    assertThat(SandboxMain.parse(new String[] {"--cda-validation", "off"}).cdaValidation())
        .isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SandboxMain.parse(new String[] {"--cda-validation", "yes"}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void options_come_from_arguments_over_defaults() {
    SandboxConfig c =
        SandboxMain.parse(
            new String[] {"--port", "9191", "--data", "/tmp/x", "--host", "127.0.0.2"});
    assertThat(c.port()).isEqualTo(9191);
    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(c.host()).isEqualTo("127.0.0.2");
    SandboxConfig d = SandboxMain.parse(new String[0]);
    assertThat(d.port()).isEqualTo(8090);
    assertThat(d.tlsPort()).isEqualTo(8091);
    assertThat(SandboxMain.parse(new String[] {"--tls-port", "9443"}).tlsPort()).isEqualTo(9443);
    assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--tls-port", "x"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> SandboxMain.parse(new String[] {"--port", "9000", "--tls-port", "9000"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(d.host()).isEqualTo("127.0.0.1");
    assertThat(SandboxMain.parse(new String[] {"--in-memory"}).dataDir()).isNull();
    assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--port"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--bogus"}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The real process: one ready line, then SIGTERM stops it and releases the database files. */
  @Test
  void main_prints_its_ready_line_and_stops_cleanly_on_sigterm(@TempDir Path data)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Dsun.net.httpserver.nodelay=true",
                    "-cp",
                    System.getProperty("java.class.path"),
                    SandboxMain.class.getName(),
                    "--port",
                    "0",
                    "--tls-port",
                    "0",
                    // not the default 8587: a run.sh beside the build holds it (the walk of
                    // 2026-12-02)
                    "--smtp-port",
                    "0",
                    "--data",
                    data.toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String ready = out.readLine();
      Matcher m =
          Pattern.compile("Sandbox ready on http://127\\.0\\.0\\.1:(\\d+)")
              .matcher(String.valueOf(ready));
      assertThat(m.matches()).as(ready).isTrue();
      int port = Integer.parseInt(m.group(1));
      String tls = out.readLine();
      assertThat(tls)
          .as("second line: the TLS listener and the PKI")
          .matches("Sandbox mutual TLS on https://127\\.0\\.0\\.1:\\d+, test PKI in .*")
          .endsWith(data.resolve("pki").toAbsolutePath().toString());
      assertThat(new SandboxClient("http://127.0.0.1:" + port).numbers())
          .contains("01S2TBPZ2JCNZZYGHZ");

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(143);
    } finally {
      process.destroyForcibly();
    }
    // the H2 file was closed cleanly: another sandbox opens it at once
    try (RunningSandbox again =
        Sandbox.start(
            SandboxConfig.inMemory()
                .withPkiDir(InMemorySandboxTest.SHARED_PKI)
                .withDataDir(data))) {
      // every seed of Seeder (SBX01…SBX16, deploy/sandbox/SEEDS.md) came back from the file, none
      // twice
      assertThat(new SandboxClient(again.baseUrl()).numbers())
          .doesNotHaveDuplicates()
          .contains(Seeder.SIMPLE, Seeder.UNKNOWN_PRODUCT, Seeder.NARCOTIC_OVERLAP)
          .hasSize(16);
    }
    assertThat(new File(data.toFile(), "eprescription")).isDirectory();
  }
}
