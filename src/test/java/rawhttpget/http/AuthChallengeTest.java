package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthChallengeTest {

    @Test
    void readsNginxsBasicChallenge() throws Exception {
        assertThat(AuthChallenge.parseAll(List.of("Basic realm=\"rawhttpget test\"")))
                .containsExactly(new AuthChallenge("Basic", null, Map.of("realm", "rawhttpget test")));
    }

    @Test
    void readsSeveralChallengesInOneFieldAndAcrossFields() throws Exception {
        List<AuthChallenge> challenges = AuthChallenge.parseAll(List.of(
                "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\"",
                "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256,"
                        + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe\"",
                "Bearer abc.def+/==, Negotiate"));

        assertThat(challenges).extracting(AuthChallenge::scheme)
                .containsExactly("Newauth", "Basic", "Digest", "Bearer", "Negotiate");
        assertThat(challenges.get(0).parameters())
                .isEqualTo(Map.of("realm", "apps", "type", "1", "title", "Login to \"apps\""));
        assertThat(challenges.get(2).parameter("QOP")).contains("auth, auth-int");
        assertThat(challenges.get(2).parameter("algorithm")).contains("SHA-256");
        assertThat(challenges.get(3).token68()).isEqualTo("abc.def+/==");
        assertThat(challenges.get(4)).isEqualTo(new AuthChallenge("Negotiate", null, Map.of()));
        assertThat(challenges.get(1).isScheme("basic")).isTrue();
    }

    @Test
    void toleratesEmptyListElementsWhitespaceAroundEqualsAndRepeatedNames() throws Exception {
        assertThat(AuthChallenge.parseAll(List.of(" , basic  realm = \"a\" ,, realm=b ,charset=\"\", ")))
                .containsExactly(new AuthChallenge("basic", null, Map.of("realm", "a", "charset", "")));
        assertThat(AuthChallenge.parseAll(List.of("", " "))).isEmpty();
    }

    @Test
    void aLoneTokenWithPaddingIsAToken68() throws Exception {
        assertThat(AuthChallenge.parseAll(List.of("Basic realm=")))
                .containsExactly(new AuthChallenge("Basic", "realm=", Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=x", "Basic realm=\"open", "Basic a=b, realm=", "Basic realm=a b=c", "Basic\u0001",
        "Basic realm=a \"b\""})
    void refusesWhatIsNotAChallengeWithTheFieldQuoted(String value) {
        assertThatThrownBy(() -> AuthChallenge.parseAll(List.of(value)))
                .isInstanceOf(HttpProtocolException.class)
                .hasMessageStartingWith("malformed WWW-Authenticate (")
                .hasMessageNotContaining("\n");
    }
}
