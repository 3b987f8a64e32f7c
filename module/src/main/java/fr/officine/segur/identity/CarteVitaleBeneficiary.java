package fr.officine.segur.identity;

import java.util.Optional;

/**
 * What the carte Vitale tells about one of its beneficiaries, the input of INSi's recommended
 * {@code rechercherInsAvecCarteVitale} (RECVITALE). Reading the card (SESAM-Vitale) is not part of
 * this module yet: the record is what that reader will hand over.
 *
 * @param matricule the beneficiary's own NIR on the card, 13 characters
 * @param key its key, when the card carries it
 * @param openerMatricule the NIR of the ouvrant droit, when the beneficiary is covered through them
 * @param birthDate as the card writes it, {@code YYYY-MM-DD} (a "lunar" date may carry day/month
 *     00)
 * @param rank the birth rank (rang de naissance), "1" for most people, distinguishes twins
 */
public record CarteVitaleBeneficiary(
    String matricule,
    Optional<String> key,
    Optional<String> openerMatricule,
    String birthName,
    String birthDate,
    String rank) {}
