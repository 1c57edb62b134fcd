package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Redirect targets resolved against a base, using the examples of RFC 3986 §5.4. Expected values are in our
 * normal form: no fragment, and "/" for an empty path ("//g" gives http://g/).
 */
class HttpUrlResolveTest {
    private static final String RFC_BASE = "http://a/b/c/d;p?q";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            g       | http://a/b/c/g
            ./g     | http://a/b/c/g
            g/      | http://a/b/c/g/
            /g      | http://a/g
            //g     | http://g/
            ?y      | http://a/b/c/d;p?y
            g?y     | http://a/b/c/g?y
            #s      | http://a/b/c/d;p?q
            g#s     | http://a/b/c/g
            g?y#s   | http://a/b/c/g?y
            ;x      | http://a/b/c/;x
            g;x     | http://a/b/c/g;x
            g;x?y#s | http://a/b/c/g;x?y
            ''      | http://a/b/c/d;p?q
            .       | http://a/b/c/
            ./      | http://a/b/c/
            ..      | http://a/b/
            ../     | http://a/b/
            ../g    | http://a/b/g
            ../..   | http://a/
            ../../  | http://a/
            ../../g | http://a/g
            """)
    void resolvesTheNormalExamplesOfRfc3986(String reference, String expected) throws Exception {
        String location = reference.equals("''") ? "" : reference;

        assertThat(HttpUrl.parse(RFC_BASE).resolve(location).toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            ../../../g    | http://a/g
            ../../../../g | http://a/g
            /./g          | http://a/g
            /../g         | http://a/g
            g.            | http://a/b/c/g.
            .g            | http://a/b/c/.g
            g..           | http://a/b/c/g..
            ..g           | http://a/b/c/..g
            ./../g        | http://a/b/g
            ./g/.         | http://a/b/c/g/
            g/./h         | http://a/b/c/g/h
            g/../h        | http://a/b/c/h
            g;x=1/./y     | http://a/b/c/g;x=1/y
            g;x=1/../y    | http://a/b/c/y
            g?y/./x       | http://a/b/c/g?y/./x
            g?y/../x      | http://a/b/c/g?y/../x
            g#s/./x       | http://a/b/c/g
            g#s/../x      | http://a/b/c/g
            http:g        | http://a/b/c/g
            """)
    void resolvesTheAbnormalExamplesOfRfc3986(String reference, String expected) throws Exception {
        assertThat(HttpUrl.parse(RFC_BASE).resolve(reference).toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://h:8080/a/b     | c                          | http://h:8080/a/c
            http://h:8080/a/b     | //cdn.example/f            | http://cdn.example/f
            http://h/a/b          | //cdn.example:8443/f       | http://cdn.example:8443/f
            https://h/a/b         | //cdn.example/f            | https://cdn.example/f
            http://h/a/b          | https://Secure.example/x   | https://secure.example/x
            https://h/a/b         | http://h/plain             | http://h/plain
            http://h/a/b          | /new place/\u00e9          | http://h/new%20place/%C3%A9
            http://h/a/b?old      | ?                          | http://h/a/b?
            http://h/a/b?old      | c?x y                      | http://h/a/c?x%20y
            http://h/             | download/file.iso          | http://h/download/file.iso
            http://h              | file.iso                   | http://h/file.iso
            http://h/a/b          | HTTP://h/c                 | http://h/c
            http://h/a            | http://[2001:2::2]:81/b    | http://[2001:2::2]:81/b
            http://[2001:2::2]/a  | //[2001:2::3]/c            | http://[2001:2::3]/c
            http://[2001:2::2]/a  | b                          | http://[2001:2::2]/b
            """)
    void resolvesRedirectsServersSend(String base, String location, String expected) throws Exception {
        assertThat(HttpUrl.parse(base).resolve(location).toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            g:h                | unsupported scheme 'g' in g:h
            ftp://files/x      | unsupported scheme 'ftp' in ftp://files/x
            https:g            | missing host in https:g
            ///nohost          | missing host in ///nohost
            //[fe80::1%eth0]/  | IPv6 zone IDs are not supported ('fe80::1%eth0') in //[fe80::1%eth0]/
            """)
    void rejectsLocationsItCannotFollow(String location, String message) {
        assertThatThrownBy(() -> HttpUrl.parse(RFC_BASE).resolve(location))
                .isInstanceOf(HttpUrl.InvalidUrlException.class)
                .hasMessage(message);
    }
}
