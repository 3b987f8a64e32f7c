package fr.officine.segur.dispensation;

import fr.officine.segur.dmp.document.DispensationDocument;
import fr.officine.segur.dmp.document.DispensationDocumentData;
import fr.officine.segur.dmp.document.DispensationDocumentData.Patient;
import fr.officine.segur.dmp.document.DispensationDocuments;
import fr.officine.segur.dmp.document.DocumentEntryMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.function.Supplier;

/**
 * Builds the dispensation document (CDA eDISP + PDF + XDS entry) from assembled data, and
 * re-identifies a stored one (issue 14 §4: the feed's second reason). The report behind the PDF is
 * compiled on first use, once, whatever the thread: the application starts without waiting for it.
 */
@ApplicationScoped
public class DocumentBuilder {
  private final Supplier<DispensationDocuments> documents;

  public DocumentBuilder() {
    this(Lazy.of(DispensationDocuments::create));
  }

  DocumentBuilder(Supplier<DispensationDocuments> documents) {
    this.documents = documents;
  }

  DispensationFeed.Built build(DispensationDocumentData data) {
    DispensationDocument document = documents.get().build(data);
    return new DispensationFeed.Built(
        document,
        DocumentEntryMetadata.of(data, document),
        data.patient().ins(),
        data.responsiblePharmacist(),
        OffsetDateTime.now());
  }

  /** The stored CDA naming {@code patient} instead; the rest of the document unchanged. */
  byte[] reidentify(byte[] cda, Patient patient) {
    return documents.get().cda().reidentify(cda, patient);
  }

  /** Compiles the report on first use, once, whatever the thread. */
  static final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    private Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    static <T> Lazy<T> of(Supplier<T> factory) {
      return new Lazy<>(factory);
    }

    @Override
    public T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = factory.get();
            value = v;
          }
        }
      }
      return v;
    }
  }
}
