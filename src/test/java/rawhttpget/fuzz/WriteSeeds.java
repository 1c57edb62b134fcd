package rawhttpget.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rawhttpget.testing.CapturedFrames;
import rawhttpget.testing.CapturedIpv6Frames;

/**
 * Writes the seed corpus of every fuzz target under {@code src/test/resources}, from the frames captured from real
 * Linux traffic ({@link CapturedFrames}, {@link CapturedIpv6Frames}) and from hand-written HTTP responses and URLs. Run from the repository root
 * after changing the captures: {@code java -cp target/test-classes:target/classes rawhttpget.fuzz.WriteSeeds}.
 * Jazzer replays every file there as a regression test in {@code mvn test} and starts fuzzing from them.
 */
public final class WriteSeeds {
    private static final Path RESOURCES = Path.of("src/test/resources/rawhttpget");

    private WriteSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, byte[]> frames = new LinkedHashMap<>();
        for (String name : List.of("ARP_REQUEST", "ARP_REPLY", "SYN", "SYN_ACK", "HTTP_GET", "ACK_WITH_THREE_SACK_BLOCKS",
                "FIN_ACK", "ICMP_FRAGMENTATION_NEEDED", "NO_TS_SYN", "NO_TS_BARE_ACK", "NO_TS_ACK_WITH_TWO_SACK_BLOCKS")) {
            frames.put(name, CapturedFrames.frame(hex(name)));
        }
        for (var e : frames.entrySet()) {
            String name = e.getKey().toLowerCase();
            byte[] frame = e.getValue();
            write("ethernet/EthernetFrameFuzzTestInputs/arbitraryBytesAreRefusedWithAReasonOrReadWithinTheFrame", name,
                    frame);
            byte[] payload = slice(frame, 14, frame.length);
            if (name.startsWith("arp")) {
                write("arp/ArpPacketFuzzTestInputs/arbitraryBytesAreRefusedWithAReasonOrReadBackExactly", name, payload);
                continue;
            }
            write("ipv4/Ipv4PacketFuzzTestInputs/arbitraryBytesAreRefusedWithAReasonOrHaveAPayloadInsideThem", name,
                    payload);
            byte[] transport = slice(payload, 20, payload.length);
            if (name.startsWith("icmp")) {
                write("ipv4/IcmpMessageFuzzTestInputs/arbitraryBytesAreRefusedWithAReasonOrDescribed", name, transport);
            } else {
                write("tcp/TcpSegmentFuzzTestInputs/arbitraryBytesAreRefusedWithAReasonOrReadWithinTheSegment", name,
                        transport);
            }
        }
        writeStackSeeds();
        writeHttpSeeds();
        writeIpv6Seeds();
    }

    /** The IPv6 captures ({@link CapturedIpv6Frames}): packets, their ICMPv6 messages, and the NDP ones. */
    private static void writeIpv6Seeds() throws IOException {
        for (String name : List.of("MLD_REPORT_WITH_HOP_BY_HOP", "ROUTER_SOLICITATION", "DAD_NEIGHBOR_SOLICITATION",
                "NEIGHBOR_SOLICITATION", "NEIGHBOR_ADVERTISEMENT", "LAST_FRAGMENT", "PORT_UNREACHABLE", "HTTP_GET",
                "SYN", "SYN_ACK", "PACKET_TOO_BIG")) {
            String seed = name.toLowerCase();
            byte[] packet = CapturedIpv6Frames.ipPacket(ipv6Hex(name));
            write("ipv6/Ipv6PacketFuzzTestInputs/arbitraryBytesAreRefusedWithAReasonOrWalkedToAnUpperLayerInsideThem",
                    seed, packet);
            int upper = name.startsWith("MLD") ? 48 : 40;
            if (packet[6] == 58 || name.startsWith("MLD")) {
                write("ipv6/Icmpv6MessageFuzzTestInputs/arbitraryBytesAreRefusedWithAReasonOrDescribed", seed,
                        slice(packet, upper, packet.length));
            }
            if (name.contains("SOLICITATION") || name.contains("ADVERTISEMENT")) {
                write("ndp/NdpMessageFuzzTestInputs/arbitraryBytesAreRefusedWithAReasonOrReadWithinTheMessage", seed,
                        packet);
            }
        }
    }

    private static String ipv6Hex(String field) {
        try {
            return (String) CapturedIpv6Frames.class.getField(field).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records for NetworkStackFuzzTest: [kind][length:2][bytes]; TCP numbers relative to the connection's. */
    private static void writeStackSeeds() throws IOException {
        String dir = "stack/NetworkStackFuzzTestInputs/hostileFramesNeverThrowAndEverythingSentIsWellFormed";
        byte[] response = ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        write(dir, "response-and-fin", records(
                segment(0, 27, 0x18, response),
                segment(response.length, 27, 0x11, new byte[0])));
        write(dir, "out-of-order-then-overlap", records(
                segment(10, 27, 0x10, ascii("later")),
                segment(0, 27, 0x10, ascii("first-copy-wins")),
                time(200)));
        write(dir, "rst-in-window-not-exact", records(segment(100, 27, 0x04, new byte[0]), time(1000)));
        write(dir, "zero-window-then-open", records(
                segment(0, 0, 0x10, new byte[0], 0), time(60_000), segment(0, 0, 0x10, new byte[0], 65535)));
        byte[] captured = CapturedFrames.frame(hex("NO_TS_BARE_ACK"));
        write(dir, "captured-frame-fixed", records(record(1, captured)));
    }

    private static void writeHttpSeeds() throws IOException {
        String parser = "http/ResponseParserJazzerTestInputs/arbitraryResponsesOnlyEverFailWithAProtocolError";
        write(parser, "content-length", concat(new byte[] {8}, ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")));
        write(parser, "chunked", concat(new byte[] {2},
                ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=\"b\"\r\nhello\r\n0\r\nX: y\r\n\r\n")));
        write(parser, "interim-then-close", concat(new byte[] {40},
                ascii("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\nuntil close")));
        write(parser, "head", concat(new byte[] {1}, ascii("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n")));
        String url = "http/HttpUrlFuzzTestInputs/arbitraryUrlsAndLocationsAreRefusedWithAReasonOrWellFormed";
        write(url, "relative", ascii("http://files.test:8080/a/b/c.bin?q=1\0../d%20e?x#frag"));
        write(url, "absolute", ascii("http://198.18.1.1/\0https://Other.Test/x/./y/../z"));
        write(url, "network-path", ascii("http://a/b\0//c:81/d"));
    }

    private static byte[] records(byte[]... records) {
        return concat(records);
    }

    private static byte[] record(int kind, byte[] bytes) {
        byte[] r = new byte[3 + bytes.length];
        r[0] = (byte) kind;
        r[1] = (byte) (bytes.length >>> 8);
        r[2] = (byte) bytes.length;
        System.arraycopy(bytes, 0, r, 3, bytes.length);
        return r;
    }

    private static byte[] time(int millis) {
        return new byte[] {3, (byte) (millis >>> 8), (byte) millis};
    }

    private static byte[] segment(int seqOffset, int ackOffset, int flags, byte[] payload) {
        return segment(seqOffset, ackOffset, flags, payload, 65535);
    }

    private static byte[] segment(int seqOffset, int ackOffset, int flags, byte[] payload, int window) {
        byte[] h = new byte[20 + payload.length];
        put32(h, 4, seqOffset);
        put32(h, 8, ackOffset);
        h[12] = 0x50;
        h[13] = (byte) flags;
        h[14] = (byte) (window >>> 8);
        h[15] = (byte) window;
        System.arraycopy(payload, 0, h, 20, payload.length);
        return record(2, h);
    }

    private static String hex(String field) {
        try {
            return (String) CapturedFrames.class.getField(field).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(String dir, String name, byte[] bytes) throws IOException {
        Path d = RESOURCES.resolve(dir);
        Files.createDirectories(d);
        Files.write(d.resolve("seed-" + name), bytes);
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void put32(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }
}
