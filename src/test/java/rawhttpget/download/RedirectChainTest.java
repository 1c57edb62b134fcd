package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import rawhttpget.http.HttpUrl;

class RedirectChainTest {

    private static HttpUrl url(String text) throws Exception {
        return HttpUrl.parse(text);
    }

    @Test
    void followsUpToTheLimit() throws Exception {
        RedirectChain chain = new RedirectChain(url("http://h/0"), 3);

        assertThat(chain.follow(url("http://h/1"))).isEqualTo(url("http://h/1"));
        chain.follow(url("http://h/2"));
        chain.follow(url("http://h/3"));

        assertThat(chain.followed()).isEqualTo(3);
        assertThatThrownBy(() -> chain.follow(url("http://h/4")))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR))
                .hasMessage("3 redirections exceeded.");
    }

    @Test
    void maxRedirectZeroRefusesTheFirstRedirect() throws Exception {
        RedirectChain chain = new RedirectChain(url("http://h/0"), 0);

        assertThatThrownBy(() -> chain.follow(url("http://h/1"))).hasMessage("0 redirections exceeded.");
    }

    @Test
    void aRedirectBackToTheOriginalUrlIsALoop() throws Exception {
        RedirectChain chain = new RedirectChain(url("http://h/ping"), 20);
        chain.follow(url("http://h/pong"));

        assertThatThrownBy(() -> chain.follow(url("http://h/ping")))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR))
                .hasMessage("redirection loop: http://h/ping redirects back to a URL already fetched after 2 redirections.");
    }

    @Test
    void aRedirectToItselfIsALoopAtOnce() throws Exception {
        RedirectChain chain = new RedirectChain(url("http://h/self"), 20);

        assertThatThrownBy(() -> chain.follow(url("http://h/self")))
                .hasMessageStartingWith("redirection loop: http://h/self");
    }

    @Test
    void theSamePathOnAnotherPortOrSchemeIsNotALoop() throws Exception {
        RedirectChain chain = new RedirectChain(url("http://h/f"), 20);

        chain.follow(url("http://h:8080/f"));
        chain.follow(url("https://h/f"));

        assertThat(chain.followed()).isEqualTo(2);
    }
}
