package rawhttpget.download;

import rawhttpget.http.AuthChallenge;
import rawhttpget.http.HttpProtocolException;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7616 §3.9.1's example, for both of its algorithms, byte for byte. */
class DigestResponseTest {
    private static final String CHALLENGE = "realm=\"http-auth@example.org\", qop=\"auth, auth-int\","
            + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
            + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static AuthChallenge challenge(String algorithm) throws HttpProtocolException {
        return AuthChallenge.parseAll(List.of("Digest " + CHALLENGE + ", algorithm=" + algorithm)).get(0);
    }

    @Test
    void answersRfc7616sMd5Example() throws Exception {
        assertThat(DigestResponse.authorization(challenge("MD5"), "Mufasa", "Circle of Life", "GET",
                "/dir/index.html", CNONCE, 1)).isEqualTo("Digest username=\"Mufasa\", realm=\"http-auth@example.org\","
                + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", uri=\"/dir/index.html\", algorithm=MD5,"
                + " response=\"8ca523f5e9506fed4657c9700eebdbec\", qop=auth, nc=00000001,"
                + " cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
    }

    @Test
    void answersRfc7616sSha256Example() throws Exception {
        assertThat(DigestResponse.authorization(challenge("SHA-256"), "Mufasa", "Circle of Life", "GET",
                "/dir/index.html", CNONCE, 1))
                .contains(", algorithm=SHA-256, response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\",");
    }

    @Test
    void answersAChallengeWithoutQopInRfc2069sForm() throws Exception {
        AuthChallenge old = AuthChallenge.parseAll(List.of("Digest realm=\"testrealm@host.com\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"")).get(0);

        // RFC 2069's example (its password is "CircleOfLife").
        assertThat(DigestResponse.authorization(old, "Mufasa", "CircleOfLife", "GET", "/dir/index.html", "x", 1))
                .isEqualTo("Digest username=\"Mufasa\", realm=\"testrealm@host.com\","
                        + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\","
                        + " response=\"1949323746fe6a43ef61f9606e7febea\"");
    }

    @Test
    void prefersSha256AndRefusesWhatItCannotAnswer() throws Exception {
        List<AuthChallenge> offered = AuthChallenge.parseAll(List.of("Digest " + CHALLENGE + ", algorithm=MD5",
                "Digest " + CHALLENGE + ", algorithm=SHA-256", "Basic realm=\"r\""));

        assertThat(DigestResponse.strongest(offered)).contains(offered.get(1));
        assertThat(DigestResponse.supports(challenge("SHA-512-256"))).isFalse();
        assertThat(DigestResponse.supports(AuthChallenge.parseAll(List.of("Digest realm=\"r\", nonce=\"n\","
                + " qop=\"auth-int\"")).get(0))).isFalse();
        assertThat(DigestResponse.supports(AuthChallenge.parseAll(List.of("Digest realm=\"r\"")).get(0))).isFalse();
        assertThat(DigestResponse.strongest(List.of(offered.get(2)))).isEmpty();
    }

    @Test
    void escapesQuotesInTheUserName() throws Exception {
        assertThat(DigestResponse.authorization(challenge("MD5"), "a\"b\\c", "p", "GET", "/", CNONCE, 2))
                .startsWith("Digest username=\"a\\\"b\\\\c\", ").contains(", nc=00000002, ");
    }
}
