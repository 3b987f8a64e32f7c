package fr.officine.segur.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * Counts what is read from a body that comes from outside and stops at the first byte past a limit,
 * with the exception its owner chooses: a request body past its endpoint's limit (issue 11 §4) or
 * an archive entry past what its manifest declares or a bomb's ratio (issue 15 §4). It never asks
 * the stream below for more than one byte past the limit, so the rest stays unread, and a skip
 * counts as a read.
 */
public final class BoundedInputStream extends FilterInputStream {
  private final long limit;
  private final LongFunction<? extends RuntimeException> overrun;
  private long count;

  /**
   * @param overrun given the count read so far (the limit plus at least one), the exception to
   *     throw; it is thrown, never ignored
   */
  public BoundedInputStream(
      InputStream in, long limit, LongFunction<? extends RuntimeException> overrun) {
    super(Objects.requireNonNull(in));
    if (limit < 0) {
      throw new IllegalArgumentException("negative limit " + limit);
    }
    this.limit = limit;
    this.overrun = Objects.requireNonNull(overrun);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    int n = super.read(buffer, offset, (int) Math.min(length, room()));
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(Math.min(n, room()));
    if (skipped > 0) {
      add(skipped);
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Bytes that may still be asked for: what is left under the limit, and the one byte past it. */
  private long room() {
    return Math.max(1, limit - count + 1);
  }

  private void add(long n) {
    count += n;
    if (count > limit) {
      throw Objects.requireNonNull(overrun.apply(count), "overrun gave no exception");
    }
  }
}
