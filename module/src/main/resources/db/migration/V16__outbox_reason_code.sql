-- Issue 14 §2: why a send stands as it does becomes a code of the closed catalogue
-- (api SendReason) that behaviour matches on (Outbox.reopenIf, DpSender's via-dp check); the
-- French sentence stays in `reason`, shown as it is. Plain SQL for H2 and PostgreSQL.
ALTER TABLE outbox ADD COLUMN reason_code VARCHAR(40);

-- Rows written before the codes: each code from the sentence the module stored for it. Fixed
-- sentences by equality, sentences carrying a service's detail by their fixed beginning; a row
-- whose sentence matches none keeps a NULL code (shown without one; no behaviour matches it).
UPDATE outbox SET reason_code = 'DMP_DEPOSITED' WHERE reason = 'Document déposé dans le DMP.';
UPDATE outbox SET reason_code = 'DMP_ALREADY_PRESENT'
  WHERE reason = 'Document déjà présent dans le DMP (envoi précédent dont la réponse a été perdue).';
UPDATE outbox SET reason_code = 'DMP_PATIENT_OPPOSED'
  WHERE reason = 'Le patient s''est opposé à l''alimentation de son DMP par les professionnels.';
UPDATE outbox SET reason_code = 'DMP_PROFESSIONAL_BLOCKED'
  WHERE reason = 'Le patient a bloqué l''accès de ce pharmacien à son DMP.';
UPDATE outbox SET reason_code = 'DMP_NONE' WHERE reason = 'Le patient n''a pas de DMP.';
UPDATE outbox SET reason_code = 'DMP_CLOSED' WHERE reason = 'Le DMP du patient est fermé.';
UPDATE outbox SET reason_code = 'DMP_PATIENT_UNKNOWN' WHERE reason = 'Patient inconnu du DMP (INS non reconnu).';
UPDATE outbox SET reason_code = 'DMP_BUSY' WHERE reason = 'DMP momentanément surchargé.';
UPDATE outbox SET reason_code = 'DMP_DOCUMENT_REFUSED' WHERE reason LIKE 'Document refusé par le DMP : %';
UPDATE outbox SET reason_code = 'NO_DOCUMENT_FOR_DMP' WHERE reason = 'Pas de document : rien à envoyer au DMP.';
UPDATE outbox SET reason_code = 'NO_INS'
  WHERE reason = 'Pas d''INS : pas d''alimentation du DMP (patient sans INS, par exemple bénéficiaire de l''AME'
    || ' ou personne en attente d''immatriculation).';
UPDATE outbox SET reason_code = 'INS_NOT_QUALIFIED'
  WHERE reason = 'INS non qualifié : vérifiez l''identité (pièce d''identité + téléservice INSi) avant'
    || ' d''alimenter le DMP. Le document partira dès que l''identité sera qualifiée.';
UPDATE outbox SET reason_code = 'INS_QUALIFIED_RELEASED' WHERE reason = 'INS qualifié : envoi au DMP relancé.';
UPDATE outbox SET reason_code = 'VIA_DP' WHERE reason = 'Transmis au DMP par le Dossier Pharmaceutique (route via-dp).';
UPDATE outbox SET reason_code = 'DP_DID_NOT_FORWARD' WHERE reason = 'Le DP n''a pas transmis le document : envoi direct au DMP.';
UPDATE outbox SET reason_code = 'DOCUMENT_NOT_PRODUCED' WHERE reason LIKE 'Document de dispensation non produit : %';
UPDATE outbox SET reason_code = 'DP_RECORDED' WHERE reason LIKE 'Dispensation inscrite au Dossier Pharmaceutique.%';
UPDATE outbox SET reason_code = 'DP_ALREADY_RECORDED'
  WHERE reason LIKE 'Dispensation déjà inscrite au Dossier Pharmaceutique (envoi précédent dont la réponse a été perdue).%';
UPDATE outbox SET reason_code = 'NOTHING_FOR_DP' WHERE reason = 'Pas de document ou pas d''INS qualifié : rien à inscrire au DP.';
UPDATE outbox SET reason_code = 'DP_UNAVAILABLE' WHERE reason = 'Dossier Pharmaceutique indisponible ; nouvel essai automatique.';
UPDATE outbox SET reason_code = 'DP_NONE' WHERE reason = 'Le patient n''a pas de Dossier Pharmaceutique.';
UPDATE outbox SET reason_code = 'DP_CLOSED' WHERE reason = 'Le Dossier Pharmaceutique du patient est fermé.';
UPDATE outbox SET reason_code = 'DP_ACCESS_REFUSED' WHERE reason = 'Le patient a refusé l''accès à son Dossier Pharmaceutique.';
UPDATE outbox SET reason_code = 'DP_PATIENT_UNKNOWN' WHERE reason = 'Patient inconnu du Dossier Pharmaceutique.';
UPDATE outbox SET reason_code = 'DP_REFUSED' WHERE reason LIKE 'Refus du Dossier Pharmaceutique (%';
-- the DP's other refusal is the product one, in its own words or the module's
UPDATE outbox SET reason_code = 'DP_PRODUCT_REFUSED'
  WHERE reason_code IS NULL AND target = 'DP' AND state = 'REFUSED' AND reason IS NOT NULL;
UPDATE outbox SET reason_code = 'NO_SENDER' WHERE reason LIKE 'Aucun service d''envoi configuré pour %';
UPDATE outbox SET reason_code = 'TECHNICAL_ERROR' WHERE reason = 'Erreur technique lors de l''envoi ; nouvel essai automatique.';
UPDATE outbox SET reason_code = 'MSSANTE_QUEUED' WHERE reason = 'Message au prescripteur en attente d''envoi.';
UPDATE outbox SET reason_code = 'MSSANTE_DELIVERED' WHERE reason LIKE 'Message sécurisé remis à l''opérateur MSSanté pour %';
UPDATE outbox SET reason_code = 'MSSANTE_NO_DOCUMENT'
  WHERE reason = 'Pas de document de dispensation : rien à envoyer au prescripteur.';
UPDATE outbox SET reason_code = 'MSSANTE_INS_NOT_QUALIFIED'
  WHERE reason = 'INS non qualifié : vérifiez l''identité (pièce d''identité + téléservice INSi). Le message au'
    || ' prescripteur partira dès que l''identité sera qualifiée.';
UPDATE outbox SET reason_code = 'MSSANTE_INS_QUALIFIED_RELEASED' WHERE reason = 'INS qualifié : message au prescripteur relancé.';
UPDATE outbox SET reason_code = 'MSSANTE_NO_INS'
  WHERE reason = 'Pas d''INS : le document ne peut pas être transmis au prescripteur par MSSanté.';
UPDATE outbox SET reason_code = 'MSSANTE_NO_PRESCRIBER_RPPS'
  WHERE reason = 'Le document ne nomme pas de prescripteur identifié par son RPPS.';
UPDATE outbox SET reason_code = 'MSSANTE_NO_PRESCRIBER_MAILBOX'
  WHERE reason = 'Le prescripteur n''a pas de messagerie sécurisée de santé (MSSanté) dans l''annuaire.';
UPDATE outbox SET reason_code = 'MSSANTE_NO_PHARMACY_MAILBOX'
  WHERE reason = 'La pharmacie n''a pas de boîte aux lettres MSSanté organisationnelle dans l''annuaire.';
UPDATE outbox SET reason_code = 'MSSANTE_NOT_BUILT' WHERE reason LIKE 'Message MSSanté impossible à construire : %';
-- the DMP client's transport messages (DmpUnavailable), all retried
UPDATE outbox SET reason_code = 'DMP_UNAVAILABLE'
  WHERE reason_code IS NULL AND target = 'DMP' AND state = 'PENDING' AND reason IS NOT NULL;
