package fr.officine.segur.api.session;

import java.time.LocalDate;

/** What the CPS card told about its holder, and the reader it sits in. */
public record CpsCardView(
    String cardType,
    String rpps,
    String lastName,
    String firstName,
    String professionCode,
    LocalDate validUntil,
    String reader) {}
