package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * WWW-Authenticate values as a hostile server might send them, from arbitrary bytes (split at NUL into several
 * fields, each read as ISO-8859-1 as the response parser reads it): {@link AuthChallenge#parseAll} returns
 * challenges with a token for a scheme, or refuses with a one-line {@link HttpProtocolException}.
 */
class AuthChallengeFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryChallengesAreReadOrRefusedWithAReason(byte[] input) {
        List<String> fields = Arrays.asList(new String(input, StandardCharsets.ISO_8859_1).split("\0", -1));
        List<AuthChallenge> challenges;
        try {
            challenges = AuthChallenge.parseAll(fields);
        } catch (HttpProtocolException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n", "\r");
            return;
        }
        for (AuthChallenge challenge : challenges) {
            assertThat(challenge.scheme()).isNotEmpty();
            assertThat(HttpRequest.isToken(challenge.scheme())).isTrue();
            assertThat(challenge.token68() == null || challenge.parameters().isEmpty()).isTrue();
            challenge.parameters().keySet().forEach(name -> assertThat(HttpRequest.isToken(name)).isTrue());
        }
        assertThat(challenges.size()).isLessThanOrEqualTo(64 * fields.size());
    }
}
