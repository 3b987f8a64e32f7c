package fr.officine.segur.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every answer over https (the port the counters of the LAN use) tells the browser to come back
 * only over https for a year (HSTS, RFC 6797): passwords, CPS PINs and patient data never go in
 * clear to this host again, even from a typed {@code http://} address. Not sent over plain http
 * (RFC 6797 §7.2: a UA ignores it there), which listens on loopback only, nor to {@code localhost}:
 * HSTS covers every port of a host, so a browser of the server itself would then refuse the plain
 * {@code http://localhost:8080} it is meant to use; nothing crosses the network there. (On an IP
 * literal a UA ignores it, RFC 6797 §8.1.)
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class StrictTransportSecurity extends HttpFilter {
  static final String HEADER = "Strict-Transport-Security";
  static final String VALUE = "max-age=31536000";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.isSecure() && !"localhost".equalsIgnoreCase(request.getServerName())) {
      response.setHeader(HEADER, VALUE);
    }
    chain.doFilter(request, response);
  }
}
