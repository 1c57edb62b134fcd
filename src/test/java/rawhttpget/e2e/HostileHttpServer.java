package rawhttpget.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A plain kernel-socket HTTP server that misbehaves on purpose, one fault per request path; run inside the test
 * network's server namespace by {@code HostileServerEndToEndTest}:
 * {@code ip netns exec NS java -cp target/test-classes rawhttpget.e2e.HostileHttpServer PORT}.
 * It prints {@code listening} once it accepts connections, serves each connection on its own thread, and stops
 * when its standard input closes (or when killed), so it can never outlive the test that started it.
 *
 * <p>Bodies are bytes {@code i % 251} for position i, so a test can check any prefix that was written.
 */
public final class HostileHttpServer {
    /** Bytes the partial-body faults send before they misbehave. */
    static final int PARTIAL = 30_000;
    static final int SHORT_BODY_SENT = 400;
    static final int SHORT_BODY_PROMISED = 1000;
    static final String SLOW_BODY = "slow";

    private HostileHttpServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(port));
        ExitOnStdinEof.arm();
        System.out.println("listening");
        System.out.flush();
        while (true) {
            Socket s = server.accept();
            Thread t = new Thread(() -> serve(s));
            t.setDaemon(true);
            t.start();
        }
    }

    static byte[] body(int from, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ((from + i) % 251);
        }
        return b;
    }

    private static void serve(Socket s) {
        try (s) {
            String path = readRequestPath(s.getInputStream());
            OutputStream out = s.getOutputStream();
            switch (path) {
                case "/bad-status" -> send(out, "HTTP/1.1 2OO OK\r\nContent-Length: 2\r\n\r\nok");
                case "/oversize-head" -> send(out, "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(70_000)
                        + "\r\nContent-Length: 2\r\n\r\nok");
                case "/too-many-headers" -> {
                    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
                    for (int i = 0; i < 1000; i++) {
                        head.append("X-").append(i).append(": y\r\n");
                    }
                    send(out, head + "Content-Length: 2\r\n\r\nok");
                }
                case "/negative-length" -> send(out, "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nok");
                case "/overflowing-length" -> send(out,
                        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\nok");
                case "/bad-chunk-size" -> send(out,
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\nzz\r\nok\r\n0\r\n\r\n");
                case "/negative-chunk-size" -> send(out,
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-2\r\nok\r\n0\r\n\r\n");
                case "/overflowing-chunk-size" -> send(out,
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\nok\r\n0\r\n\r\n");
                case "/short-body" -> {
                    send(out, "HTTP/1.1 200 OK\r\nContent-Length: " + SHORT_BODY_PROMISED + "\r\n\r\n");
                    out.write(body(0, SHORT_BODY_SENT));
                    out.flush();
                    s.shutdownOutput(); // a FIN after fewer bytes than promised
                    drain(s);
                }
                case "/reset-mid-body" -> {
                    send(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
                    out.write(body(0, PARTIAL));
                    out.flush();
                    pause(500); // let the bytes go before the RST, which would discard them otherwise
                    s.setSoLinger(true, 0); // close() now sends a RST
                }
                case "/stall" -> {
                    send(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
                    out.write(body(0, PARTIAL));
                    out.flush();
                    drain(s); // sends nothing more until the client gives up
                }
                case "/slow" -> {
                    send(out, "HTTP/1.1 200 OK\r\nContent-Length: " + SLOW_BODY.length() + "\r\n\r\n");
                    for (byte b : SLOW_BODY.getBytes(StandardCharsets.US_ASCII)) {
                        pause(1000);
                        out.write(b);
                        out.flush();
                    }
                    drain(s);
                }
                default -> send(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            }
        } catch (IOException e) {
            // The client went away, as most of these faults make it do.
        }
    }

    private static String readRequestPath(InputStream in) throws IOException {
        String[] requestLine = DigestAuthServer.readHead(in).split("\r\n", 2)[0].split(" ");
        return requestLine.length > 1 ? requestLine[1] : "";
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads until the client closes or resets, or 30 s pass. */
    private static void drain(Socket s) throws IOException {
        s.setSoTimeout(30_000);
        try {
            while (s.getInputStream().read() >= 0) {
                // discard
            }
        } catch (SocketTimeoutException e) {
            // Give up on a client that never closes.
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
