package io.fluxgate.gateway.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxgate.gateway.errors.ErrorMapping;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/events} without Jersey's per-request machinery (routing, request scope, entity
 * providers), which cost more CPU than the publish itself: the request runs the very same {@link
 * EventsResource#publish} and its errors go through the gateway's own exception mappers, so the
 * answers are Jersey's answers, byte for byte. Only the common case takes this path: a request that
 * asks for something other than JSON (an {@code Accept} header Jersey would have to negotiate) goes
 * on to Jersey, which answers it as before.
 */
public final class SingleEventFastPath implements Filter {
  /** The resource's path under Jersey's root. */
  static final String RESOURCE_PATH = "/v1/events";

  private final String path;

  private final EventsResource resource;
  private final ObjectMapper mapper;
  private final ErrorMapping errors;

  /**
   * @param path where the resource is served within the application context: {@link #pathUnder}
   *     Jersey's root path
   */
  public SingleEventFastPath(
      String path, EventsResource resource, ObjectMapper mapper, ErrorMapping errors) {
    this.path = path;
    this.resource = resource;
    this.mapper = mapper;
    this.errors = errors;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    if (!"POST".equals(request.getMethod())
        || !isPath(request.getRequestURI(), request.getContextPath())
        || !acceptsPlainJson(request.getHeader("Accept"))) {
      chain.doFilter(req, res);
      return;
    }
    Response answer;
    try {
      answer = resource.publish(request.getContentType(), request.getInputStream());
    } catch (RuntimeException e) {
      answer = errors.toResponse(e);
    }
    write((HttpServletResponse) res, answer);
  }

  /**
   * Where Jersey serves {@code POST /v1/events} within the application context, for Jersey's root
   * path as configured ({@code server.rootPath}: {@code /*} by default, {@code /api/*}, {@code
   * /api}, ...), normalized as Dropwizard normalizes it.
   */
  public static String pathUnder(java.util.Optional<String> jerseyRootPath) {
    String root = jerseyRootPath.orElse("/*");
    if (root.endsWith("*")) {
      root = root.substring(0, root.length() - 1);
    }
    if (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    if (!root.isEmpty() && !root.startsWith("/")) {
      root = "/" + root;
    }
    return root + RESOURCE_PATH;
  }

  /** The request's raw URI is exactly the context path and this path (no encoding, no suffix). */
  private boolean isPath(String uri, String contextPath) {
    return uri.length() == contextPath.length() + path.length()
        && uri.startsWith(contextPath)
        && uri.endsWith(path);
  }

  /**
   * True for no {@code Accept} header and for one that plainly accepts JSON: a list of media ranges
   * without parameters (no quality values to weigh) that includes JSON.
   */
  static boolean acceptsPlainJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    if (accept.indexOf(';') >= 0) {
      return false;
    }
    for (String range : accept.split(",")) {
      String type = range.trim();
      if (type.equals("*/*")
          || type.equalsIgnoreCase("application/*")
          || type.equalsIgnoreCase(MediaType.APPLICATION_JSON)) {
        return true;
      }
    }
    return false;
  }

  private void write(HttpServletResponse response, Response answer) throws IOException {
    response.setStatus(answer.getStatus());
    for (Map.Entry<String, List<String>> header : answer.getStringHeaders().entrySet()) {
      for (String value : header.getValue()) {
        response.addHeader(header.getKey(), value);
      }
    }
    if (response.getContentType() == null) {
      response.setContentType(MediaType.APPLICATION_JSON);
    }
    byte[] body = answer.hasEntity() ? mapper.writeValueAsBytes(answer.getEntity()) : new byte[0];
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
