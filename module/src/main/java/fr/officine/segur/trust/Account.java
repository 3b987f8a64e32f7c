package fr.officine.segur.trust;

import java.util.Optional;

/** A local account of a professional of one pharmacy. {@code rpps} is absent for a préparateur. */
public record Account(
    String login,
    String passwordHash,
    Optional<String> rpps,
    String lastName,
    String firstName,
    Role role,
    Pharmacy pharmacy) {

  /** "Claire MARTIN": how the name is shown and sent to the base. */
  public String displayName() {
    return firstName + " " + lastName;
  }

  /** Never the password hash (an offline dictionary attack starts from it). */
  @Override
  public String toString() {
    return "Account[" + login + ", " + role + ", " + pharmacy.finess() + "]";
  }
}
