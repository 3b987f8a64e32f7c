package fr.officine.segur.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * CORS for {@code /api/v1} (issue 16 §4), after {@link CorsPolicy}: a preflight ({@code OPTIONS}
 * with {@code Access-Control-Request-Method}) from an allowed origin is answered here, 204, before
 * authentication (a browser sends no bearer token with it); an answer to an allowed origin carries
 * its CORS headers. Every answer varies with {@code Origin} when the policy is on, so that a cache
 * never gives one origin's answer to another.
 */
@WebFilter(urlPatterns = "/api/v1/*", asyncSupported = true)
public class CorsFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  static final String ALLOWED_ORIGINS = "segur.http.cors.allowed-origins";

  private transient CorsPolicy policy;

  @Override
  public void init() {
    // read once at start, like every segur.http.* setting
    policy =
        new CorsPolicy(ConfigProvider.getConfig().getOptionalValues(ALLOWED_ORIGINS, String.class));
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!policy.enabled()) {
      chain.doFilter(request, response);
      return;
    }
    response.addHeader("Vary", "Origin");
    String origin = request.getHeader("Origin");
    if ("OPTIONS".equals(request.getMethod())
        && request.getHeader("Access-Control-Request-Method") != null) {
      Map<String, String> preflight = policy.preflightHeaders(origin);
      if (!preflight.isEmpty()) {
        preflight.forEach(response::setHeader);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        return;
      }
    }
    policy.answerHeaders(origin).forEach(response::setHeader);
    chain.doFilter(request, response);
  }
}
