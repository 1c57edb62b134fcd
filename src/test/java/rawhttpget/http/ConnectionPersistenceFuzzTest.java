package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Arbitrary Connection field values (split at NUL into several fields; a first byte picks HTTP/1.0 or 1.1): the
 * decision never throws; a "close" option always ends the connection; without "close", HTTP/1.1 keeps it.
 */
class ConnectionPersistenceFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryConnectionFieldsDecideWithoutFailing(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String version = (input[0] & 1) == 0 ? "HTTP/1.0" : "HTTP/1.1";
        String values = new String(input, 1, input.length - 1, StandardCharsets.ISO_8859_1);
        StringBuilder fields = new StringBuilder();
        boolean close = false;
        for (String value : values.split("\0", -1)) {
            if (value.contains("\r") || value.contains("\n") || value.contains("|")) {
                return; // not one field value: the parser would read other fields or refuse the head
            }
            fields.append(fields.length() == 0 ? "" : "|").append("Connection: ").append(value);
            for (String option : value.split(",", -1)) {
                close |= option.replaceAll("^[ \t]+|[ \t]+$", "").toLowerCase(Locale.ROOT).equals("close");
            }
        }
        ResponseHead head;
        try {
            head = ConnectionPersistenceTest.head(version, fields.toString());
        } catch (HttpProtocolException e) {
            return; // a value the parser refuses never reaches the decision
        }
        boolean persists = ConnectionPersistence.persists(head);
        if (close) {
            assertThat(persists).isFalse();
        } else if (version.equals("HTTP/1.1")) {
            assertThat(persists).isTrue();
        }
    }
}
