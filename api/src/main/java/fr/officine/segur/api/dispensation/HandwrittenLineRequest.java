package fr.officine.segur.api.dispensation;

/** A line the prescriber added by hand ("mention manuscrite"), delivered and recorded as such. */
public record HandwrittenLineRequest(String cip13, String label, int quantity) {}
