package rawhttpget.failure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failure names the exit status when several URLs fail. */
class ExitCodesTest {

    @ParameterizedTest(name = "{0} then {1}: {2}")
    @CsvSource({"SERVER_ERROR,NETWORK,NETWORK", "NETWORK,SERVER_ERROR,NETWORK", "GENERIC,SERVER_ERROR,SERVER_ERROR",
            "PROTOCOL,GENERIC,PROTOCOL", "FILE_IO,NETWORK,FILE_IO"})
    void withSeveralFailuresTheLowerCodeWinsExceptGeneric(ExitCode first, ExitCode second, ExitCode expected) {
        DownloadException worst = ExitCodes.moreSevere(ExitCodes.moreSevere(null, new DownloadException(first, "a")),
                new DownloadException(second, "b"));

        assertThat(worst.exitCode()).isEqualTo(expected);
    }
}
