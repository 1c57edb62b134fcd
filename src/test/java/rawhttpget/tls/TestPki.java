package rawhttpget.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Certificates made at run time for the tests, with public APIs only: the JDK can sign but has no public
 * certificate builder, so this writes the DER of an X.509 v3 certificate itself (RFC 5280 section 4.1) and
 * lets CertificateFactory parse the result, which checks the encoding. EC P-256 keys, ecdsa-with-SHA256.
 */
final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A certificate with the private key of its subject. */
    record Issued(X509Certificate certificate, PrivateKey key) {
        String subject() {
            return certificate.getSubjectX500Principal().getName();
        }
    }

    /** A self-signed CA valid from a day ago to a day from now. */
    static Issued ca(String commonName) throws GeneralSecurityException {
        KeyPair keys = keyPair();
        Instant now = Instant.now();
        return new Issued(build(commonName, keys.getPublic(), commonName, keys.getPrivate(), true, List.of(),
                List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))), keys.getPrivate());
    }

    /** A server certificate for {@code dnsNames} and {@code ipAddresses}, signed by {@code issuer}. */
    static Issued server(Issued issuer, String commonName, List<String> dnsNames, List<String> ipAddresses)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        return server(issuer, commonName, dnsNames, ipAddresses, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)));
    }

    static Issued server(Issued issuer, String commonName, List<String> dnsNames, List<String> ipAddresses,
                         Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        KeyPair keys = keyPair();
        String issuerName = issuer.certificate().getSubjectX500Principal().getName().substring("CN=".length());
        return new Issued(build(commonName, keys.getPublic(), issuerName, issuer.key(), false, dnsNames, ipAddresses,
                notBefore, notAfter), keys.getPrivate());
    }

    static String pem(X509Certificate... certificates) throws GeneralSecurityException {
        StringBuilder out = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate c : certificates) {
            out.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return out.toString();
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate build(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey,
                                         boolean ca, List<String> dnsNames, List<String> ipAddresses,
                                         Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        byte[] signatureAlgorithm = sequence(oid("1.2.840.10045.4.3.2"));
        List<byte[]> extensions = new ArrayList<>();
        extensions.add(extension("2.5.29.19", true, ca ? sequence(tlv(0x01, new byte[] {(byte) 0xff})) : sequence()));
        // keyUsage: keyCertSign and cRLSign for the CA, digitalSignature for a server.
        extensions.add(extension("2.5.29.15", true, ca ? tlv(0x03, new byte[] {1, 0x06}) : tlv(0x03, new byte[] {7, (byte) 0x80})));
        if (!ca) {
            extensions.add(extension("2.5.29.37", false, sequence(oid("1.3.6.1.5.5.7.3.1"))));
        }
        if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
            List<byte[]> names = new ArrayList<>();
            for (String dns : dnsNames) {
                names.add(tlv(0x82, dns.getBytes(StandardCharsets.US_ASCII)));
            }
            for (String ip : ipAddresses) {
                names.add(tlv(0x87, ipv4(ip)));
            }
            extensions.add(extension("2.5.29.17", false, sequence(names.toArray(byte[][]::new))));
        }
        byte[] serial = new byte[9];
        RANDOM.nextBytes(serial);
        byte[] tbs = sequence(
                tlv(0xa0, tlv(0x02, new byte[] {2})),
                tlv(0x02, new BigInteger(1, serial).toByteArray()),
                signatureAlgorithm,
                name(issuer),
                sequence(time(notBefore), time(notAfter)),
                name(subject),
                subjectKey.getEncoded(),
                tlv(0xa3, sequence(extensions.toArray(byte[][]::new))));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKey);
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bitString = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bitString, 1, signature.length);
        byte[] der = sequence(tbs, signatureAlgorithm, tlv(0x03, bitString));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] name(String commonName) {
        return sequence(tlv(0x31, sequence(oid("2.5.4.3"), tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] time(Instant t) {
        int year = t.atZone(ZoneOffset.UTC).getYear();
        if (year >= 1950 && year < 2050) {
            return tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(0x18, GENERALIZED_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? sequence(oid(oid), tlv(0x01, new byte[] {(byte) 0xff}), tlv(0x04, value))
                : sequence(oid(oid), tlv(0x04, value));
    }

    private static byte[] ipv4(String dotted) {
        String[] parts = dotted.split("\\.");
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) Integer.parseInt(parts[i]);
        }
        return out;
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = 1;
            while ((arc >> (7 * groups)) != 0) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) ((arc >> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private TestPki() {
    }
}
