package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.AuthChallenge;
import rawhttpget.http.HttpProtocolException;
import rawhttpget.http.HttpUrl;
import rawhttpget.http.ResponseHead;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * HTTP authentication as wget 1.21 does it, Basic and Digest (RFC 7616; the stronger when both are offered). Credentials come from the URL, else --http-user/--http-password,
 * else --user/--password; when the user or the password is still missing, the first .netrc entry for the host
 * fills them in (both, when no user is known; only the password when its login is the user's). They are sent
 * when a 401 asks for them; Basic also unasked with --auth-no-challenge, and to a host that asked for it before
 * in this run. A 401 without usable credentials, or after they were sent, is wget's exit 6.
 */
final class Authentication {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");
    static final String FAILED = "Username/Password Authentication Failed.";

    record Credentials(String user, String password) {
        String basic() {
            byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
            return "Basic " + Base64.getEncoder().encodeToString(pair);
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=<redacted>]";
        }
    }

    private final RequestSettings settings;
    private final Consumer<String> warn;
    private final Supplier<String> cnonces;
    private Netrc netrc;
    /** Hosts (host:port) that have asked for Basic: later requests to them carry it unasked, as in wget. */
    private final Set<String> basicHosts = new HashSet<>();

    Authentication(RequestSettings settings, Consumer<String> warn) {
        this(settings, warn, randomCnonces());
    }

    Authentication(RequestSettings settings, Consumer<String> warn, Supplier<String> cnonces) {
        this.settings = settings;
        this.warn = warn;
        this.cnonces = cnonces;
    }

    /** Seeded at the first Digest challenge: a run that meets none does not pay for a SecureRandom at start. */
    private static Supplier<String> randomCnonces() {
        return () -> {
            byte[] bytes = new byte[16];
            CnonceSource.RANDOM.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        };
    }

    private static final class CnonceSource {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /** The Authorization to send before any challenge, or null. */
    String unasked(HttpUrl url) {
        if (!settings.authNoChallenge() && !basicHosts.contains(hostKey(url))) {
            return null;
        }
        return credentialsFor(url).map(Credentials::basic).orElse(null);
    }

    /**
     * The Authorization that answers this 401.
     *
     * @param alreadySent whether the request it answers carried credentials
     * @param method      the method of the request that will carry the answer (Digest signs it)
     * @throws DownloadException exit 6 when there is nothing (more) to try
     */
    String answer(HttpUrl url, ResponseHead head, boolean alreadySent, String method) throws DownloadException {
        Optional<Credentials> credentials = credentialsFor(url);
        if (alreadySent || credentials.isEmpty()) {
            throw new DownloadException(ExitCode.AUTH, FAILED);
        }
        List<AuthChallenge> challenges;
        try {
            challenges = AuthChallenge.parseAll(head.all("WWW-Authenticate"));
        } catch (HttpProtocolException e) {
            log.info("{}", e.getMessage());
            throw new DownloadException(ExitCode.AUTH, FAILED);
        }
        Optional<AuthChallenge> digest = DigestResponse.strongest(challenges);
        if (digest.isPresent()) {
            log.info("401: answering the Digest challenge ({})", digest.get().parameter("algorithm").orElse("MD5"));
            Credentials c = credentials.get();
            // A fresh nonce from each 401, so each answer is its first use: nc 1.
            return DigestResponse.authorization(digest.get(), c.user(), c.password(), method, url.requestTarget(),
                    cnonces.get(), 1);
        }
        if (challenges.stream().noneMatch(c -> c.isScheme("Basic"))) {
            log.info("401 without a challenge we can answer: {}",
                    challenges.stream().map(AuthChallenge::scheme).toList());
            throw new DownloadException(ExitCode.AUTH, FAILED);
        }
        log.info("401: answering the Basic challenge");
        basicHosts.add(hostKey(url));
        return credentials.get().basic();
    }

    Optional<Credentials> credentialsFor(HttpUrl url) {
        String user = url.user().orElse(first(settings.httpUser(), settings.user()));
        String password = url.password().orElse(first(settings.httpPassword(), settings.password()));
        if ((user == null || password == null) && !settings.noNetrc()) {
            Optional<Netrc.Entry> entry = netrc().forHost(url.host());
            if (entry.isPresent() && entry.get().login() != null && entry.get().password() != null) {
                if (user == null) {
                    user = entry.get().login();
                    password = entry.get().password();
                } else if (user.equals(entry.get().login())) {
                    password = entry.get().password();
                }
            }
        }
        return user == null || password == null ? Optional.empty() : Optional.of(new Credentials(user, password));
    }

    private Netrc netrc() {
        if (netrc == null) {
            netrc = Netrc.parse("");
            if (settings.netrcFile() != null) {
                try {
                    netrc = Netrc.parse(new String(Files.readAllBytes(settings.netrcFile()), StandardCharsets.UTF_8));
                    for (String warning : netrc.warnings()) {
                        warn.accept("rawhttpget: " + settings.netrcFile() + ":" + warning);
                    }
                } catch (NoSuchFileException e) {
                    // No .netrc: nothing to say, as wget says nothing.
                } catch (IOException e) {
                    warn.accept("rawhttpget: cannot read " + settings.netrcFile() + ": " + e.getMessage());
                }
            }
        }
        return netrc;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String hostKey(HttpUrl url) {
        return url.host() + ":" + url.port();
    }
}
