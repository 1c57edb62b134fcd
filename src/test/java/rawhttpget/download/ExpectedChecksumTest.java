package rawhttpget.download;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --checksum=TYPE=DIGEST with aria2c's hash names. */
class ExpectedChecksumTest {
    private static final String SHA256_OF_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sha-1,SHA-1,40", "sha-224,SHA-224,56", "sha-256,SHA-256,64", "sha-384,SHA-384,96",
            "sha-512,SHA-512,128", "md5,MD5,32", "SHA-256,SHA-256,64", "MD5,MD5,32"})
    void everyAria2HashNameInEitherCase(String type, String algorithm, int hexDigits) {
        ExpectedChecksum c = ExpectedChecksum.parse(type + "=" + "aB".repeat(hexDigits / 2));
        assertThat(c.type()).isEqualTo(type.toLowerCase());
        assertThat(c.algorithm()).isEqualTo(algorithm);
        assertThat(c.digest()).hasSize(hexDigits / 2).containsOnly((byte) 0xAB);
    }

    @Test
    void theDigestIsReadAsHexadecimalInEitherCase() {
        ExpectedChecksum c = ExpectedChecksum.parse("sha-256=" + SHA256_OF_ABC.toUpperCase());
        assertThat(c.hex()).isEqualTo(SHA256_OF_ABC);
        assertThat(c).isEqualTo(ExpectedChecksum.parse("sha-256=" + SHA256_OF_ABC));
        assertThat(c.toString()).isEqualTo("sha-256=" + SHA256_OF_ABC);
    }

    @Test
    void badValuesAreRefusedWithOneLine() {
        assertThatThrownBy(() -> ExpectedChecksum.parse("sha256=" + SHA256_OF_ABC))
                .hasMessage("unknown checksum type 'sha256' (sha-1, sha-224, sha-256, sha-384, sha-512 or md5)");
        assertThatThrownBy(() -> ExpectedChecksum.parse("sha-256=" + SHA256_OF_ABC + "0"))
                .hasMessage("a sha-256 digest is 64 hexadecimal digits, not 65");
        assertThatThrownBy(() -> ExpectedChecksum.parse("sha-1=" + "z".repeat(40)))
                .hasMessage("a sha-1 digest is hexadecimal digits only: '" + "z".repeat(40) + "'");
        assertThatThrownBy(() -> ExpectedChecksum.parse("md5=\n" + "0".repeat(31)))
                .hasMessage("a md5 digest is hexadecimal digits only: '?" + "0".repeat(31) + "'");
        assertThatThrownBy(() -> ExpectedChecksum.parse("x\ny".repeat(100)))
                .hasMessageStartingWith("'x?yx?y").hasMessageEndingWith("...' is not TYPE=DIGEST, e.g. sha-256=HEX")
                .message().doesNotContain("\n");
        assertThatThrownBy(() -> ExpectedChecksum.parse("=")).hasMessageStartingWith("unknown checksum type ''");
    }
}
