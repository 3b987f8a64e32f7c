package fr.officine.segur.portability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a JSON Lines file one line at a time, a line no longer than {@code maxLineBytes} (a row is
 * a few hundred bytes; documents are entries of their own): a file of one endless line is refused
 * without being held.
 */
final class JsonLines {
  private final InputStream in;
  private final int maxLineBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
  private long number;

  JsonLines(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next non-empty line, or empty at the end of the file. */
  Optional<String> next() throws IOException {
    while (true) {
      line.reset();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        if (line.size() >= maxLineBytes) {
          throw new LineTooLong();
        }
        line.write(b);
      }
      number++;
      if (line.size() > 0) {
        return Optional.of(line.toString(StandardCharsets.UTF_8));
      }
      if (b < 0) {
        return Optional.empty();
      }
    }
  }

  /** The number of the line last returned (1 for the first). */
  long number() {
    return number;
  }

  static final class LineTooLong extends IOException {
    LineTooLong() {
      super("line too long", null);
    }
  }
}
