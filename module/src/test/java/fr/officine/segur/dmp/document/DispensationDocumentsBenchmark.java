package fr.officine.segur.dmp.document;

import java.util.Locale;

/**
 * Documents built per second (PDF by Jasper + CDA eDISP-MED embedding it), one thread, after
 * warm-up. Not a test: run it by hand from the project root with
 *
 * <pre>
 * mvn -q -pl module -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp module/target/test-classes:module/target/classes:$(cat module/target/test.classpath) \
 *     fr.officine.segur.dmp.document.DispensationDocumentsBenchmark
 * </pre>
 *
 * (exec:java needs the api snapshot in the local repository, which helpers must not install.)
 * Arguments: [warm-up documents] [measured documents] (defaults 200 and 1000).
 */
public final class DispensationDocumentsBenchmark {
  private DispensationDocumentsBenchmark() {}

  public static void main(String[] args) {
    int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    long t0 = System.nanoTime();
    DispensationDocuments documents = DispensationDocuments.create();
    long compileMs = (System.nanoTime() - t0) / 1_000_000;
    DispensationDocumentData data = DispensationSamples.knownGood();
    long bytes = 0;
    for (int i = 0; i < warmUp; i++) {
      bytes += documents.build(data).cda().length;
    }
    // Thread CPU time too: on a shared 2-core machine wall time depends on the neighbours' load.
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < measured; i++) {
      bytes += documents.build(data).cda().length;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / measured;
    DispensationDocument one = documents.build(data);
    // The split, to know where the time goes.
    var pdf = new fr.officine.segur.dmp.document.DispensationPdf();
    var cda = new EdispCdaWriter();
    long pdfStart = System.nanoTime();
    for (int i = 0; i < measured / 4; i++) {
      bytes += pdf.render(data).length;
    }
    double pdfMs = (System.nanoTime() - pdfStart) / 1e6 / (measured / 4);
    long cdaStart = System.nanoTime();
    for (int i = 0; i < measured / 4; i++) {
      bytes += cda.write(data, one.pdf()).length;
    }
    double cdaMs = (System.nanoTime() - cdaStart) / 1e6 / (measured / 4);
    System.out.printf(
        Locale.ROOT,
        "report compile %d ms; %d documents in %.2f s = %.1f documents/s (%.2f ms each, %.2f ms CPU"
            + " = %.1f documents/s per core); "
            + "PDF alone %.2f ms, CDA alone %.2f ms; PDF %d bytes, CDA %d bytes (checksum %d)%n",
        compileMs,
        measured,
        seconds,
        measured / seconds,
        seconds * 1000 / measured,
        cpuMs,
        1000 / cpuMs,
        pdfMs,
        cdaMs,
        one.pdf().length,
        one.cda().length,
        bytes);
  }
}
