package fr.officine.segur.sandbox.dmp;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.seed.SampleParties;
import org.junit.jupiter.api.BeforeAll;

/** An in-memory sandbox, Pharmacie du Marché's signing certificate and a DMP client. */
abstract class DmpSandboxTest extends InMemorySandboxTest {
  static final String ADRUN = SampleParties.ADRUN_ZOE.ins();
  static final String CORSE = SampleParties.CORSE_ANTHONY.ins();
  static final String ECETINSI = SampleParties.ECETINSI_PIERRE_ALAIN.ins();
  static final String NESSI = SampleParties.NESSI_MICHELANGELO.ins();
  static final String TCHITCHI = SampleParties.TCHITCHI_CATARINA.ins();
  static final String PAT_TROIS = DmpSeeds.PAT_TROIS_INS;

  /** MARTIN Claire, titulaire of Pharmacie du Marché: blocked by TCHITCHI CATARINA. */
  static final String TITULAIRE = "10100000016";

  static final String ADJOINT = "10100000024";

  protected TestPharmacy marche;
  protected DmpTestClient dmp;

  @BeforeAll
  final void dmpClient() {
    marche = TestPharmacy.seal(TestPharmacy.MARCHE);
    dmp = new DmpTestClient(sandbox.baseUrl());
  }

  /** The titulaire's VIHF for this patient. */
  VihfBuilder vihf(String ins) {
    return new VihfBuilder(ins, marche);
  }
}
