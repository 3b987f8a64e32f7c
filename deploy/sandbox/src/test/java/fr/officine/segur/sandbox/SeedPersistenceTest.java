package fr.officine.segur.sandbox;

import static fr.officine.segur.sandbox.SandboxClient.execution;
import static fr.officine.segur.sandbox.SandboxClient.line;
import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.seed.Seeder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File mode: the seeds are written once, deliveries survive a restart. */
class SeedPersistenceTest {

  @Test
  void seeds_and_deliveries_survive_a_restart_without_duplicating(@TempDir Path data)
      throws Exception {
    SandboxConfig config =
        SandboxConfig.inMemory().withPkiDir(InMemorySandboxTest.SHARED_PKI).withDataDir(data);
    List<String> first;
    String created;
    try (RunningSandbox sandbox = Sandbox.start(config)) {
      SandboxClient client = new SandboxClient(sandbox.baseUrl());
      first = client.numbers();
      created = client.createPrescription("{}");
      client.send(execution(Seeder.SIMPLE).deliver("L1", 1));
    }
    assertThat(Files.exists(data.resolve("eprescription").resolve("eprescription.mv.db"))).isTrue();

    try (RunningSandbox sandbox = Sandbox.start(config)) {
      SandboxClient client = new SandboxClient(sandbox.baseUrl());
      List<String> second = client.numbers();
      assertThat(second).hasSize(first.size() + 1).containsAll(first).contains(created);
      assertThat(second).doesNotHaveDuplicates();
      assertThat(line(client.consult(Seeder.SIMPLE), "L1").getQuantiteDelivree()).isEqualTo(1);
      assertThat(line(client.consult(Seeder.PARTIAL_BY_OTHER_PHARMACY), "L1").getExecution())
          .hasSize(1);
    }
  }
}
