package fr.officine.segur.sandbox.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.RunningSandbox;
import fr.officine.segur.sandbox.Sandbox;
import fr.officine.segur.sandbox.SandboxClient;
import fr.officine.segur.sandbox.SandboxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File mode: a received document survives a restart, stays unique, and the seeds are not written
 * twice.
 */
class DmpPersistenceTest {

  @Test
  void received_documents_survive_a_restart_and_are_still_refused_as_duplicates(@TempDir Path data)
      throws Exception {
    SandboxConfig config =
        SandboxConfig.inMemory().withPkiDir(InMemorySandboxTest.SHARED_PKI).withDataDir(data);
    String ins = DmpSandboxTest.ADRUN;
    Iti41Request request = new Iti41Request(ins);
    TestPharmacy marche;
    try (RunningSandbox sandbox = Sandbox.start(config)) {
      marche = TestPharmacy.seal(TestPharmacy.MARCHE);
      DmpTestClient dmp = new DmpTestClient(sandbox.baseUrl());
      assertThat(dmp.provideAndRegister(request, new VihfBuilder(ins, marche)).status())
          .isEqualTo(DmpNames.SUCCESS);
    }
    assertThat(Files.exists(data.resolve("dmp").resolve("dmp.mv.db"))).isTrue();

    try (RunningSandbox sandbox = Sandbox.start(config)) {
      SandboxClient client = new SandboxClient(sandbox.baseUrl());
      assertThat(client.get("/sandbox/dmp/documents?ins=" + ins).body())
          .contains(request.uniqueId());
      assertThat(
              SandboxClient.json(client.get("/sandbox/dmp/documents?ins=" + DmpSeeds.PAT_TROIS_INS))
                  .asJsonArray())
          .hasSize(2);
      assertThat(SandboxClient.json(client.get("/sandbox/dmp/patients")).asJsonArray()).hasSize(6);
      DmpTestClient dmp = new DmpTestClient(sandbox.baseUrl());
      assertThat(dmp.provideAndRegister(request, new VihfBuilder(ins, marche)).errorCodes())
          .containsOnly(RegistryError.DUPLICATE_UNIQUE_ID);
    }
  }
}
