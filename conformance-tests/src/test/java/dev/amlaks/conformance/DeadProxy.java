package dev.amlaks.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A proxy on 127.0.0.1 that lets nothing through. Clients run with {@code HTTPS_PROXY} pointing
 * here (and {@code NO_PROXY=127.0.0.1,localhost}), so any attempt to reach beyond the machine
 * lands here, is refused, and is recorded for the harness to fail the test with.
 */
public final class DeadProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> attempts = new ArrayList<>();
    private final Thread acceptor;

    public DeadProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "dead-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                String line = firstLine(s.getInputStream());
                synchronized (attempts) {
                    attempts.add(line);
                }
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 58\r\n\r\n"
                        + "aml-aks-emulator conformance: leaving the machine refused\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // closed, or a client that hung up: nothing to record beyond what was read
            }
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n' && b.length() < 2000) {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    /** The request lines of every attempt so far (e.g. {@code CONNECT login.microsoftonline.com:443 HTTP/1.1}). */
    public List<String> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
