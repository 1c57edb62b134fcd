package rawhttpget.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel-socket HTTP server behind Digest authentication (RFC 7616, qop=auth), for the one account
 * {@link #USER}/{@link #PASSWORD}, since nginx has no Digest: {@code /md5/...} challenges with MD5,
 * {@code /sha256/...} with SHA-256, {@code /both/...} with Basic, MD5 and SHA-256 challenges at once. A request whose
 * Authorization answers a nonce it issued, for this URI and method, gets 200 and {@link #BODY}; any other gets 401.
 * Run like {@link HostileHttpServer}: it prints {@code listening}, and stops when its standard input closes.
 */
public final class DigestAuthServer {
    static final String USER = "tester";
    static final String PASSWORD = "pa@ss word";
    static final String REALM = "digest test";
    static final String BODY = "behind digest\n";
    private static final Pattern PARAM = Pattern.compile("([a-zA-Z]+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]+))");
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    private DigestAuthServer() {
    }

    public static void main(String[] args) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(Integer.parseInt(args[0])));
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

    private static void serve(Socket s) {
        try (s) {
            String[] lines = readHead(s.getInputStream()).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            String authorization = null;
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith("authorization:")) {
                    authorization = line.substring("authorization:".length()).strip();
                }
            }
            OutputStream out = s.getOutputStream();
            if (authorization != null && accepted(authorization, requestLine[0], requestLine[1])) {
                send(out, "HTTP/1.1 200 OK\r\nContent-Length: " + BODY.length() + "\r\nConnection: close\r\n\r\n"
                        + BODY);
            } else {
                StringBuilder challenges = new StringBuilder();
                String path = requestLine[1];
                if (path.startsWith("/both/")) {
                    challenges.append("WWW-Authenticate: Basic realm=\"").append(REALM).append("\"\r\n");
                }
                if (path.startsWith("/md5/") || path.startsWith("/both/")) {
                    challenges.append(challenge("MD5"));
                }
                if (path.startsWith("/sha256/") || path.startsWith("/both/")) {
                    challenges.append(challenge("SHA-256"));
                }
                send(out, "HTTP/1.1 401 Unauthorized\r\n" + challenges + "Content-Length: 0\r\nConnection: close\r\n\r\n");
            }
        } catch (IOException | RuntimeException e) {
            // A client that went away: nothing to answer.
        }
    }

    private static String challenge(String algorithm) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String text = HexFormat.of().formatHex(nonce);
        ISSUED.add(text);
        return "WWW-Authenticate: Digest realm=\"" + REALM + "\", qop=\"auth\", algorithm=" + algorithm
                + ", nonce=\"" + text + "\", opaque=\"opaque-" + algorithm + "\"\r\n";
    }

    /** RFC 7616 §3.4.1 for qop=auth, computed here independently of the client's code. */
    static boolean accepted(String authorization, String method, String uri) {
        if (!authorization.startsWith("Digest ")) {
            return false;
        }
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(authorization.substring("Digest ".length()));
        while (m.find()) {
            p.put(m.group(1).toLowerCase(Locale.ROOT),
                    m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3));
        }
        String algorithm = p.getOrDefault("algorithm", "MD5");
        String hash = algorithm.equals("SHA-256") ? "SHA-256" : "MD5";
        if (!USER.equals(p.get("username")) || !REALM.equals(p.get("realm")) || !ISSUED.contains(p.get("nonce"))
                || !uri.equals(p.get("uri")) || !"auth".equals(p.get("qop"))
                || !("opaque-" + algorithm).equals(p.get("opaque"))) {
            return false;
        }
        String ha1 = hex(hash, USER + ":" + REALM + ":" + PASSWORD);
        String ha2 = hex(hash, method + ":" + uri);
        String expected = hex(hash, ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:"
                + ha2);
        return expected.equals(p.get("response"));
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request head up to and including its empty line (or what came before the client closed). */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.write(c);
            matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
