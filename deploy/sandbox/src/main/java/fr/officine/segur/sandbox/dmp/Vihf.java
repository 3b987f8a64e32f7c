package fr.officine.segur.sandbox.dmp;

import java.util.Optional;

/**
 * A verified VIHF (DOMAIN-FACTS §2.3): who acts, for which structure, on which patient.
 *
 * @param authenticationMode DIRECTE (CPS card), INDIRECTE or INDIRECTE_RENFORCEE
 * @param authnContextClassRef the SAML AuthnContextClassRef (SmartcardPKI for DIRECTE)
 * @param psId the Subject NameID, e.g. 810100000016 (8 + RPPS)
 * @param rpps the RPPS when psId is an 8-prefixed PS_IdNat
 * @param resourceIns the 15-character INS of resource-id
 * @param resourceOid the INS OID of resource-id
 */
public record Vihf(
    String version,
    String authenticationMode,
    String authnContextClassRef,
    String structureId,
    String sector,
    String subjectName,
    String psId,
    Optional<String> rpps,
    String professionCode,
    Optional<String> sousSection,
    String resourceId,
    String resourceIns,
    String resourceOid,
    String purposeOfUse,
    String lpsName,
    String lpsHomologation,
    String signerSubject) {}
