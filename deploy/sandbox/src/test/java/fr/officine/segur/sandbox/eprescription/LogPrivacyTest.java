package fr.officine.segur.sandbox.eprescription;

import static fr.officine.segur.sandbox.SandboxClient.execution;
import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.seed.Seeder;
import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The sandbox's logs name a patient by a masked INS only (first 3 + last 2 characters). */
class LogPrivacyTest extends InMemorySandboxTest {

  @Test
  void execution_log_carries_the_masked_ins_never_the_full_one() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            String text =
                r.getParameters() == null
                    ? r.getMessage()
                    : MessageFormat.format(r.getMessage(), r.getParameters());
            lines.add(text);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    capture.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      // ADRUN ZOE, INS 275126322074974
      client.send(execution(Seeder.SUBSTITUTABLE_BRAND).deliver("L1", 1));
    } finally {
      root.removeHandler(capture);
    }
    assertThat(lines).anyMatch(l -> l.contains("275**********74"));
    assertThat(lines).noneMatch(l -> l.contains("275126322074974"));
  }
}
