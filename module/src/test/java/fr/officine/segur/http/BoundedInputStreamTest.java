package fr.officine.segur.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The one bounded stream of the module (a request body, an archive entry): what is under the limit
 * reads whole, the first byte past it throws its owner's exception, and nothing further is asked of
 * the stream below.
 */
class BoundedInputStreamTest {
  static final class Overrun extends RuntimeException {
    final long count;

    Overrun(long count) {
      super("past the limit at " + count);
      this.count = count;
    }
  }

  /** Counts what the bounded stream asks for, to prove the rest stays unread. */
  static final class Counting extends ByteArrayInputStream {
    long asked;

    Counting(int size) {
      super(new byte[size]);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      asked += len;
      return super.read(b, off, len);
    }
  }

  @Test
  void a_body_of_exactly_the_limit_reads_whole() throws IOException {
    InputStream in =
        new BoundedInputStream(new ByteArrayInputStream(new byte[100]), 100, Overrun::new);
    assertThat(in.readAllBytes()).hasSize(100);
  }

  @Test
  void the_first_byte_past_the_limit_throws_the_owners_exception_and_the_rest_is_not_asked_for() {
    Counting below = new Counting(10_000);
    InputStream in = new BoundedInputStream(below, 100, Overrun::new);
    assertThatThrownBy(() -> in.read(new byte[8192]))
        .isInstanceOfSatisfying(Overrun.class, e -> assertThat(e.count).isEqualTo(101));
    assertThat(below.asked).as("bytes asked of the stream below").isEqualTo(101);
  }

  @Test
  void byte_by_byte_reads_and_skips_count_too() throws IOException {
    InputStream in =
        new BoundedInputStream(new ByteArrayInputStream(new byte[1000]), 10, Overrun::new);
    assertThat(in.skip(5)).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      assertThat(in.read()).isZero();
    }
    assertThatThrownBy(in::read).isInstanceOf(Overrun.class);
    InputStream skipper =
        new BoundedInputStream(new ByteArrayInputStream(new byte[1000]), 10, Overrun::new);
    assertThatThrownBy(() -> skipper.skip(500))
        .as("a skip past the limit")
        .isInstanceOf(Overrun.class);
  }

  @Test
  void an_overrun_that_gives_no_exception_still_stops_the_read() {
    InputStream in =
        new BoundedInputStream(new ByteArrayInputStream(new byte[10]), 1, count -> null);
    assertThatThrownBy(in::readAllBytes).isInstanceOf(NullPointerException.class);
  }
}
