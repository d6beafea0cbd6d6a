package io.fluxgate.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive HTTP/1.1 connection with blocking I/O, for one thread at a time: a request is one
 * socket write, its answer is read on the same thread. The load generator needs nothing more, and
 * it must cost the machine little: {@code java.net.http}'s client hands every exchange between its
 * selector and worker threads (about 25 context switches per request here), so on two shared cores
 * it took half the machine from the gateway it was measuring.
 *
 * <p>It reads answers with {@code Content-Length} or chunked bodies. A connection idle for more
 * than two seconds (between runs, while the baseline phase runs) is reopened before the next
 * request, since the server may have closed it; a connection lost after a request was written fails
 * that request (it may have been processed), like any client that cannot retry a POST.
 */
public final class Http1Connection implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  /** Well below the idle timeouts of servers (Jetty's default is 30 s). */
  private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** One answer: its status and body. */
  public record Response(int status, byte[] body) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final InetSocketAddress address;
  private final String hostHeader;
  private final int readTimeoutMs;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private int opened;
  private long lastUsed;

  /**
   * @param server {@code http://host:port}; nothing is opened until the first request
   * @param readTimeoutMs how long an answer may take before the request fails
   */
  public Http1Connection(URI server, int readTimeoutMs) {
    if (!"http".equals(server.getScheme())) {
      throw new IllegalArgumentException("only http:// servers are supported: " + server);
    }
    int port = server.getPort() == -1 ? 80 : server.getPort();
    this.address = new InetSocketAddress(server.getHost(), port);
    this.hostHeader = server.getHost() + ":" + port;
    this.readTimeoutMs = readTimeoutMs;
  }

  /** POSTs {@code body} to {@code path} and reads the whole answer. */
  public Response post(String path, String contentType, byte[] body) throws IOException {
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + hostHeader
                + "\r\nContent-Type: "
                + contentType
                + "\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    return exchange(request);
  }

  /** How many times a socket was opened: 1 while keep-alive holds. */
  public int opened() {
    return opened;
  }

  private Response exchange(byte[] request) throws IOException {
    long now = System.nanoTime();
    if (socket != null && now - lastUsed > MAX_IDLE_NANOS) {
      // The server may have closed it meanwhile, and a POST written to a closed connection cannot
      // be told apart from one lost after processing: reopen instead.
      closeSocket();
    }
    if (socket == null) {
      open();
    }
    try {
      out.write(request);
      out.flush();
      Response response = readResponse();
      lastUsed = System.nanoTime();
      return response;
    } catch (IOException | RuntimeException e) {
      closeSocket();
      throw e;
    }
  }

  private void open() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(address, CONNECT_TIMEOUT_MS);
      s.setSoTimeout(readTimeoutMs);
      in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
      out = s.getOutputStream();
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    opened++;
  }

  private Response readResponse() throws IOException {
    String statusLine = readLine();
    if (!statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1 answer: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    boolean close = statusLine.startsWith("HTTP/1.0");
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new IOException("malformed header line: " + line);
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> close = value.equalsIgnoreCase("close");
        default -> {}
      }
    }
    byte[] body;
    if (chunked) {
      body = readChunked();
    } else if (contentLength >= 0) {
      body = in.readNBytes((int) contentLength);
      if (body.length != contentLength) {
        throw new EOFException("the connection closed inside an answer's body");
      }
    } else {
      body = in.readAllBytes();
      close = true;
    }
    if (close) {
      closeSocket();
    }
    return new Response(status, body);
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int extension = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
      if (size == 0) {
        // Trailers, if any, up to the empty line.
        while (!readLine().isEmpty()) {
          // skip
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("the connection closed inside a chunk");
      }
      body.write(chunk);
      if (!readLine().isEmpty()) {
        throw new IOException("a chunk did not end with CRLF");
      }
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b == -1) {
        throw new EOFException("the server closed the connection before answering");
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
  }

  private void closeSocket() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
      in = null;
      out = null;
    }
  }

  @Override
  public void close() {
    closeSocket();
  }
}
