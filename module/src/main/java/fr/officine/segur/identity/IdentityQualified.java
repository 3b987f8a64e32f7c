package fr.officine.segur.identity;

import fr.officine.segur.api.id.Ins;

/**
 * CDI event: a professional of {@code pharmacyFiness} has just qualified {@code ins} (INSi 00 and
 * an identity document checked). The DMP feed listens: the sends of that pharmacy that were waiting
 * for this qualification leave now.
 */
public record IdentityQualified(Ins ins, String pharmacyFiness) {}
