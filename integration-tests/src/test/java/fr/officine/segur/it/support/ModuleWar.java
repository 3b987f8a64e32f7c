package fr.officine.segur.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The module's WAR as the build made it ({@code module.war}, set by failsafe), for deployments. */
public final class ModuleWar {
  private ModuleWar() {}

  public static WebArchive fromBuild() {
    return ShrinkWrap.create(ZipImporter.class, "module.war")
        .importFrom(new File(System.getProperty("module.war")))
        .as(WebArchive.class);
  }
}
