package fr.officine.segur.trust.cps;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The virtual card of deploy/pcsc (vicc + our stand-in OS) as a process: started = inserted in the
 * vpcd reader, stopped = removed. Goes through the real pcscd; nothing of smartcardio is faked.
 */
final class VirtualCpsCard implements AutoCloseable {
  /** vpcd's first reader, fed by a vicc connected to port 35963. */
  static final String READER = "Virtual PCD 00 00";

  static final Path SCRIPT = locate();

  private final PcscCards cards;
  private final Process process;
  private final File log;

  private VirtualCpsCard(PcscCards cards, Process process, File log) {
    this.cards = cards;
    this.process = process;
    this.log = log;
  }

  static VirtualCpsCard insert(PcscCards cards, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "--port", "35963"));
    command.addAll(List.of(options));
    File log = File.createTempFile("virtual-cps-card", ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    VirtualCpsCard card = new VirtualCpsCard(cards, p, log);
    // the reader must be empty first: pcscd may still report the previous test's card
    if (!waitFor(() -> !cards.isCardPresent(READER), Duration.ofSeconds(10))) {
      p.destroy();
      throw new AssertionError("a card is already in " + READER + " (another vicc running?)");
    }
    if (!waitFor(() -> cards.isCardPresent(READER), Duration.ofSeconds(10))) {
      card.close();
      throw new AssertionError(
          "the virtual card did not appear in "
              + READER
              + "; its output: "
              + Files.readString(log.toPath()));
    }
    return card;
  }

  /** Pulls the card out and returns once pcscd sees the reader empty. */
  void remove() throws IOException, InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    if (!waitFor(() -> !cards.isCardPresent(READER), Duration.ofSeconds(10))) {
      throw new AssertionError("pcscd still sees a card in " + READER + " after the vicc stopped");
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      remove();
    } finally {
      Files.deleteIfExists(log.toPath());
    }
  }

  static boolean waitFor(BooleanSupplier condition, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  private static Path locate() {
    // surefire runs in module/, an IDE may run in the project root
    for (Path p :
        List.of(Path.of("../deploy/pcsc/cps-card.sh"), Path.of("deploy/pcsc/cps-card.sh"))) {
      if (Files.isExecutable(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    return Path.of("deploy/pcsc/cps-card.sh");
  }
}
