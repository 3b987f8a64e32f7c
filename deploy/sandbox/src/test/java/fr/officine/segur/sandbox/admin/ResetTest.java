package fr.officine.segur.sandbox.admin;

import static fr.officine.segur.sandbox.SandboxClient.execution;
import static fr.officine.segur.sandbox.SandboxClient.line;
import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.RunningSandbox;
import fr.officine.segur.sandbox.Sandbox;
import fr.officine.segur.sandbox.SandboxClient;
import fr.officine.segur.sandbox.SandboxConfig;
import fr.officine.segur.sandbox.seed.Seeder;
import org.junit.jupiter.api.Test;

class ResetTest {

  @Test
  void reset_wipes_deliveries_and_created_prescriptions_and_seeds_again() throws Exception {
    try (RunningSandbox sandbox =
        Sandbox.start(SandboxConfig.inMemory().withPkiDir(InMemorySandboxTest.SHARED_PKI))) {
      SandboxClient client = new SandboxClient(sandbox.baseUrl());
      int seeded = client.numbers().size();
      String created = client.createPrescription("{}");
      client.send(execution(Seeder.SIMPLE).deliver("L1", 2));
      client.post(
          "/sandbox/faults", "{\"service\":\"eprescription\",\"mode\":\"slow\",\"latencyMs\":10}");

      var r = client.post("/sandbox/reset", "");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(SandboxClient.json(r).asJsonObject().getInt("prescriptions")).isEqualTo(seeded);
      assertThat(client.numbers()).hasSize(seeded).doesNotContain(created);
      assertThat(line(client.consult(Seeder.SIMPLE), "L1").getQuantiteDelivree()).isZero();
      assertThat(line(client.consult(Seeder.PARTIAL_BY_OTHER_PHARMACY), "L1").getQuantiteDelivree())
          .isEqualTo(1);
      assertThat(
              SandboxClient.json(client.get("/sandbox/faults"))
                  .asJsonObject()
                  .getJsonObject("eprescription")
                  .getString("mode"))
          .isEqualTo("up");
    }
  }
}
