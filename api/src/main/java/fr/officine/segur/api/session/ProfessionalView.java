package fr.officine.segur.api.session;

/** The acting professional. {@code role}: TITULAIRE, ADJOINT, PREPARATEUR. */
public record ProfessionalView(
    String login, String rpps, String lastName, String firstName, String role) {}
