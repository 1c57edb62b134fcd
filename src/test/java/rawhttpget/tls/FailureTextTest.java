package rawhttpget.tls;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureTextTest {

    @Test
    void classNamesInsideMessagesAreDropped() {
        Exception e = new SSLHandshakeException("PKIX path building failed: "
                + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path");
        assertThat(FailureText.oneLine(e)).isEqualTo("PKIX path building failed: unable to find valid certification path");
    }

    @Test
    void theInnermostCauseIsAddedWhenItSaysMore() {
        Exception root = new CertificateExpiredException("NotAfter: Mon Jan 01 00:00:00 UTC 2024");
        Exception e = new SSLHandshakeException("PKIX path validation failed: "
                + "java.security.cert.CertPathValidatorException: validity check failed");
        e.initCause(new CertPathValidatorException("validity check failed", root));
        assertThat(FailureText.oneLine(e)).isEqualTo(
                "PKIX path validation failed: validity check failed: NotAfter: Mon Jan 01 00:00:00 UTC 2024");
    }

    @Test
    void aCauseAlreadyQuotedIsNotRepeated() {
        Exception e = new SSLHandshakeException("Tag mismatch!");
        e.initCause(new IllegalStateException("Tag mismatch!"));
        assertThat(FailureText.oneLine(e)).isEqualTo("Tag mismatch!");
    }

    @Test
    void noMessageAtAllFallsBackToTheCausesOrTheTypesName() {
        assertThat(FailureText.oneLine(new IllegalStateException(null, new RuntimeException("inner")))).isEqualTo("inner");
        assertThat(FailureText.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void linesAreJoinedAndLongTextShortened() {
        assertThat(FailureText.oneLine(new RuntimeException("two\n  lines"))).isEqualTo("two lines");
        String shortened = FailureText.oneLine(new RuntimeException("x".repeat(1000)));
        assertThat(shortened).hasSize(FailureText.MAX_LENGTH).endsWith("…");
    }

    @Test
    void boringSslsAlertIsSaidAsTheJdkSaysIt() {
        Exception e = new javax.net.ssl.SSLHandshakeException("Read error: ssl=0x7f3380a2bc38: Failure in SSL library,"
                + " usually a protocol error error:10000412:SSL routines:OPENSSL_internal:SSLV3_ALERT_BAD_CERTIFICATE"
                + " (../ssl/tls_record.cc:594 0x7f3380a4bc58:0x00000001)");
        assertThat(FailureText.oneLine(e)).isEqualTo("Received fatal alert: bad_certificate");
    }

    @Test
    void boringSslsOtherReasonsAreTheirCodeInWords() {
        Exception e = new javax.net.ssl.SSLException("Read error: ssl=0x1: Failure in SSL library, usually a protocol"
                + " error error:1000008b:SSL routines:OPENSSL_internal:DECRYPTION_FAILED_OR_BAD_RECORD_MAC (x.cc:1 0x2:0x0)");
        e.initCause(new IllegalStateException("ignored"));
        assertThat(FailureText.oneLine(e)).isEqualTo("decryption failed or bad record mac");
    }
}
