package fr.officine.segur.trust.cps;

/** A CPS card read in a reader: the reader's PC/SC name, the OpenSC family, the holder. */
public record InsertedCard(String reader, String family, CpsHolder holder) {}
