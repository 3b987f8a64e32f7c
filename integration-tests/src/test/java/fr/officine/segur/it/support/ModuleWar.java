package fr.officine.segur.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The module's WAR as a module node deploys it, for deployments: the build's WAR without the
 * libraries deploy/payara/shared-libs puts on Payara's class path (failsafe's {@code
 * module.deployedWar}; the tests' Payara Micro gets them with {@code --addLibs}).
 */
public final class ModuleWar {
  private ModuleWar() {}

  public static WebArchive fromBuild() {
    return ShrinkWrap.create(ZipImporter.class, "module.war")
        .importFrom(new File(System.getProperty("module.deployedWar")))
        .as(WebArchive.class);
  }
}
