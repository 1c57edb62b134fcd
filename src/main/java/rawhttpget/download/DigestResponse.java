package rawhttpget.download;

import rawhttpget.http.AuthChallenge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Authorization value answering a Digest challenge (RFC 7616): MD5 or SHA-256 (and their -sess forms), with
 * qop=auth, or RFC 2069's form when the challenge names no qop. auth-int and other algorithms are not offered;
 * {@link #supports} says which challenges can be answered. Here and not in http, which stays free of
 * java.security.
 */
final class DigestResponse {
    private DigestResponse() {
    }

    /** Whether {@link #authorization} can answer this challenge. */
    static boolean supports(AuthChallenge challenge) {
        return challenge.isScheme("Digest") && challenge.parameter("nonce").isPresent()
                && challenge.parameter("realm").isPresent() && hashName(challenge).isPresent()
                && (challenge.parameter("qop").isEmpty() || offersAuth(challenge.parameter("qop").get()));
    }

    /** SHA-256 over MD5 when both are offered (RFC 7616 §3.7: the client uses the strongest it supports). */
    static Optional<AuthChallenge> strongest(List<AuthChallenge> challenges) {
        return challenges.stream().filter(DigestResponse::supports)
                .min((a, b) -> Boolean.compare(isSha256(a), isSha256(b)) * -1);
    }

    /**
     * @param method     the request's method
     * @param requestUri the request target, exactly as on the request line
     * @param cnonce     the client nonce: random, and new for each answer
     * @param nc         how many requests this nonce has served, counting this one
     * @throws IllegalArgumentException if the challenge is not {@link #supports supported}
     */
    static String authorization(AuthChallenge challenge, String user, String password, String method,
                                       String requestUri, String cnonce, int nc) {
        if (!supports(challenge)) {
            throw new IllegalArgumentException("unsupported Digest challenge");
        }
        String algorithm = challenge.parameter("algorithm").orElse("MD5");
        String hashName = hashName(challenge).orElseThrow();
        String realm = challenge.parameter("realm").orElseThrow();
        String nonce = challenge.parameter("nonce").orElseThrow();
        boolean qop = challenge.parameter("qop").isPresent();
        String ncText = String.format(Locale.ROOT, "%08x", nc);

        String ha1 = hash(hashName, user + ":" + realm + ":" + password);
        if (algorithm.toLowerCase(Locale.ROOT).endsWith("-sess")) {
            ha1 = hash(hashName, ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = hash(hashName, method + ":" + requestUri);
        String response = qop
                ? hash(hashName, ha1 + ":" + nonce + ":" + ncText + ":" + cnonce + ":auth:" + ha2)
                : hash(hashName, ha1 + ":" + nonce + ":" + ha2);

        StringBuilder value = new StringBuilder("Digest ")
                .append("username=").append(quoted(user))
                .append(", realm=").append(quoted(realm))
                .append(", nonce=").append(quoted(nonce))
                .append(", uri=").append(quoted(requestUri));
        if (challenge.parameter("algorithm").isPresent()) {
            value.append(", algorithm=").append(algorithm);
        }
        value.append(", response=\"").append(response).append('"');
        if (qop) {
            value.append(", qop=auth, nc=").append(ncText).append(", cnonce=").append(quoted(cnonce));
        }
        challenge.parameter("opaque").ifPresent(opaque -> value.append(", opaque=").append(quoted(opaque)));
        return value.toString();
    }

    private static boolean offersAuth(String qop) {
        return Arrays.stream(qop.split(",")).map(String::strip).anyMatch(q -> q.equalsIgnoreCase("auth"));
    }

    private static boolean isSha256(AuthChallenge challenge) {
        return hashName(challenge).orElse("").equals("SHA-256");
    }

    private static Optional<String> hashName(AuthChallenge challenge) {
        String algorithm = challenge.parameter("algorithm").orElse("MD5").toUpperCase(Locale.ROOT);
        return switch (algorithm) {
            case "MD5", "MD5-SESS" -> Optional.of("MD5");
            case "SHA-256", "SHA-256-SESS" -> Optional.of("SHA-256");
            default -> Optional.empty();
        };
    }

    private static String hash(String algorithm, String text) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
