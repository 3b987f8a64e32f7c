package fr.officine.segur.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One in-memory sandbox on a free port per test class (about 0.3 s to start), and a client of it.
 * Tests in such a class create the prescriptions they change, so their order does not matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class InMemorySandboxTest {
  protected RunningSandbox sandbox;
  protected SandboxClient client;

  @BeforeAll
  final void startSandbox() {
    sandbox = Sandbox.start(SandboxConfig.inMemory());
    client = new SandboxClient(sandbox.baseUrl());
  }

  @AfterAll
  final void stopSandbox() {
    sandbox.close();
  }
}
