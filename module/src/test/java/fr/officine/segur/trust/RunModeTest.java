package fr.officine.segur.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Issue 11 §14: a forgotten segur.mode must not open accounts whose password is their login. */
class RunModeTest {

  @Test
  void the_war_default_is_production_and_seeds_no_sandbox_account() throws IOException {
    Properties defaults = new Properties();
    try (InputStream in =
        RunModeTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      defaults.load(in);
    }
    RunMode mode = RunMode.of(Optional.ofNullable(defaults.getProperty(RunMode.KEY)));
    assertThat(mode).isEqualTo(RunMode.PRODUCTION);
    assertThat(mode.seedsSandboxAccounts()).isFalse();
  }

  @Test
  void only_sandbox_spelled_out_seeds_the_sandbox_accounts() {
    assertThat(RunMode.of(Optional.of("sandbox")).seedsSandboxAccounts()).isTrue();
    assertThat(RunMode.of(Optional.of(" SandBox ")).seedsSandboxAccounts()).isTrue();
    assertThat(RunMode.of(Optional.empty()).seedsSandboxAccounts()).isFalse();
    assertThat(RunMode.of(Optional.of("")).seedsSandboxAccounts()).isFalse();
    assertThat(RunMode.of(Optional.of("production")).seedsSandboxAccounts()).isFalse();
    assertThat(RunMode.of(Optional.of("sandbx")).seedsSandboxAccounts()).isFalse();
  }
}
