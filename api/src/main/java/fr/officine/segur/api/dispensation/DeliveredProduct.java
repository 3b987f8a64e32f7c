package fr.officine.segur.api.dispensation;

/** The product actually delivered: CIP13 and label. */
public record DeliveredProduct(String cip13, String label) {}
