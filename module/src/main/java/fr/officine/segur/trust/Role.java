package fr.officine.segur.trust;

/** The professional's role in the pharmacy; what each may do is decided by {@link Authorizer}. */
public enum Role {
  TITULAIRE,
  ADJOINT,
  PREPARATEUR
}
