package fr.officine.segur.api.identity;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.validation.constraints.Size;

/** An INS on the wire: 13-character matricule, 2-digit key, OID of the register. */
public record InsView(
    @Size(max = FieldLimits.CODE) String matricule,
    @Size(max = FieldLimits.CODE) String key,
    @Size(max = FieldLimits.CODE) String oid) {}
