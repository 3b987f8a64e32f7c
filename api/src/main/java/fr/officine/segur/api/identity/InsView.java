package fr.officine.segur.api.identity;

/** An INS on the wire: 13-character matricule, 2-digit key, OID of the register. */
public record InsView(String matricule, String key, String oid) {}
