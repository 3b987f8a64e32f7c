package fr.officine.segur.it.support;

import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.context.annotation.DeploymentScoped;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Payara Micro reports the machine's first non-loopback address as its host, and the adapter hands
 * that to the tests. Tests must only talk to loopback: Payara listens on every interface, so the
 * deployment's URLs are rewritten to 127.0.0.1 right after deployment, for every test class.
 */
public final class LoopbackExtension implements LoadableExtension {

  @Override
  public void register(ExtensionBuilder builder) {
    builder.observer(Rewriter.class);
  }

  /** Replaces the deployment's protocol metadata by the same contexts on 127.0.0.1. */
  public static final class Rewriter {
    @Inject @DeploymentScoped private InstanceProducer<ProtocolMetaData> metaData;

    public void onDeployed(@Observes AfterDeploy event) {
      ProtocolMetaData deployed = metaData.get();
      if (deployed == null) {
        return;
      }
      ProtocolMetaData loopback = new ProtocolMetaData();
      for (HTTPContext context : deployed.getContexts(HTTPContext.class)) {
        HTTPContext local =
            new HTTPContext("127.0.0.1", context.getPort(), "https".equals(context.getScheme()));
        for (Servlet servlet : context.getServlets()) {
          local.add(new Servlet(servlet.getName(), servlet.getContextRoot()));
        }
        loopback.addContext(local);
      }
      metaData.set(loopback);
    }
  }
}
