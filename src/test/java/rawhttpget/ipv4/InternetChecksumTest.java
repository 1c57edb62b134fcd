package rawhttpget.ipv4;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.CapturedFrames;
import rawhttpget.testing.Hex;
import rawhttpget.testing.ReferenceChecksum;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class InternetChecksumTest {

    @Test
    void matchesTheWorkedExampleOfRfc1071() {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to 2ddf0, which folds to ddf2.
        byte[] b = Hex.bytes("00 01 f2 03 f4 f5 f6 f7");

        assertThat(InternetChecksum.add(0, b, 0, 8)).isEqualTo(0x2ddf0L);
        assertThat(InternetChecksum.fold(0x2ddf0L)).isEqualTo(0xddf2);
        assertThat(InternetChecksum.finish(0x2ddf0L)).isEqualTo(0x220d);
        assertThat(InternetChecksum.of(b, 0, 8)).isEqualTo(0x220d);
    }

    @Test
    void padsAnOddLastByteWithZeroOnTheRight() {
        assertThat(InternetChecksum.add(0, new byte[] {(byte) 0xab}, 0, 1)).isEqualTo(0xab00L);
        assertThat(InternetChecksum.of(new byte[] {(byte) 0xab}, 0, 1)).isEqualTo(0x54ff);
        // abcd + ef00 = 19acd, folds to 9ace.
        assertThat(InternetChecksum.of(Hex.bytes("ab cd ef"), 0, 3)).isEqualTo(0x6531);
        // Nine bytes: one unrolled step, then the odd byte.
        assertThat(InternetChecksum.add(0, Hex.bytes("00 01 f2 03 f4 f5 f6 f7 01"), 0, 9)).isEqualTo(0x2ddf0L + 0x0100);
    }

    @Test
    void readsOnlyItsRange() {
        byte[] b = Hex.bytes("ff ff 00 01 f2 03 f4 f5 f6 f7 ff ff");
        assertThat(InternetChecksum.of(b, 2, 8)).isEqualTo(0x220d);
        assertThat(InternetChecksum.add(0, b, 3, 0)).isZero();
    }

    @Test
    void checksumOfNothingIsAllOnes() {
        assertThat(InternetChecksum.of(new byte[0], 0, 0)).isEqualTo(0xffff);
        assertThat(InternetChecksum.finish(0)).isEqualTo(0xffff);
        assertThat(InternetChecksum.finish(0xffff)).isZero();
    }

    @Test
    void foldsUntilNoCarryIsLeft() {
        // ffff + 1 = 10000 after one fold, which needs a second fold to become 1.
        assertThat(InternetChecksum.fold(0x1ffffL)).isEqualTo(0x0001);
        assertThat(InternetChecksum.fold(0xffffL)).isEqualTo(0xffff);
        assertThat(InternetChecksum.fold(0x10000L)).isEqualTo(0x0001);
        assertThat(InternetChecksum.fold(0xffff_ffff_ffffL)).isEqualTo(0xffff);
        assertThat(InternetChecksum.fold(0)).isZero();
    }

    @Test
    void unrolledLoopAgreesWithAWordAtATimeOnEveryLengthUpTo200() {
        SplittableRandom random = new SplittableRandom(1071);
        for (int len = 0; len <= 200; len++) {
            for (int off = 0; off < 4; off++) {
                byte[] b = new byte[off + len + 3];
                random.nextBytes(b);
                long initial = random.nextInt(0, 1 << 20);
                assertThat(InternetChecksum.add(initial, b, off, len))
                        .as("length %d at offset %d", len, off)
                        .isEqualTo(initial + ReferenceChecksum.sum(b, off, len));
                assertThat(InternetChecksum.of(b, off, len)).isEqualTo(ReferenceChecksum.checksum(b, off, len));
            }
        }
    }

    @Test
    void unrolledLoopCarriesCorrectlyWhenEveryByteIsFf() {
        for (int len = 0; len <= 200; len++) {
            byte[] b = new byte[len];
            Arrays.fill(b, (byte) 0xff);
            assertThat(InternetChecksum.add(0, b, 0, len)).as("length %d", len).isEqualTo(ReferenceChecksum.sum(b, 0, len));
        }
        byte[] big = new byte[65535];
        Arrays.fill(big, (byte) 0xff);
        assertThat(InternetChecksum.add(0, big, 0, big.length)).isEqualTo(ReferenceChecksum.sum(big, 0, big.length));
        assertThat(InternetChecksum.of(big, 0, big.length)).isEqualTo(ReferenceChecksum.checksum(big, 0, big.length));
    }

    @Test
    void longInputOfAllOnesSumsExactlyAcrossTheLaneFlushes() {
        // 300 003 bytes of ff from an odd offset: over two flushes of 16 384 longs, a partial one, then a tail.
        byte[] b = new byte[300_010];
        Arrays.fill(b, (byte) 0xff);
        assertThat(InternetChecksum.add(5, b, 3, 300_003)).isEqualTo(5 + ReferenceChecksum.sum(b, 3, 300_003));
    }

    @Test
    void partialSumsOverEvenSplitsAddUpToTheWhole() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] b = new byte[151];
        random.nextBytes(b);
        long whole = InternetChecksum.add(0, b, 0, b.length);
        for (int split = 0; split <= b.length; split += 2) {
            long parts = InternetChecksum.add(InternetChecksum.add(0, b, 0, split), b, split, b.length - split);
            assertThat(InternetChecksum.fold(parts)).as("split at %d", split).isEqualTo(InternetChecksum.fold(whole));
        }
    }

    @Test
    void dataWithItsChecksumInPlaceSumsToAllOnes() {
        byte[] header = CapturedFrames.ipPacket(CapturedFrames.SYN);

        assertThat(InternetChecksum.fold(InternetChecksum.add(0, header, 0, 20))).isEqualTo(0xffff);
        header[10] = 0;
        header[11] = 0;
        assertThat(InternetChecksum.of(header, 0, 20)).isEqualTo(0xa9cb);
    }

    @Test
    void pseudoHeaderSumsSourceDestinationProtocolAndLengthAsWords() {
        SplittableRandom random = new SplittableRandom(9293);
        for (int i = 0; i < 1000; i++) {
            int src = random.nextInt();
            int dst = random.nextInt();
            int proto = random.nextInt(256);
            int length = random.nextInt(65536);
            byte[] pseudo = {
                    (byte) (src >>> 24), (byte) (src >>> 16), (byte) (src >>> 8), (byte) src,
                    (byte) (dst >>> 24), (byte) (dst >>> 16), (byte) (dst >>> 8), (byte) dst,
                    0, (byte) proto, (byte) (length >>> 8), (byte) length};
            assertThat(InternetChecksum.pseudoHeader(src, dst, proto, length)).isEqualTo(ReferenceChecksum.sum(pseudo, 0, 12));
        }
    }

    @Test
    void verifiesTheCapturedSynOverPseudoHeaderAndSegment() {
        byte[] tcp = CapturedFrames.tcpSegment(CapturedFrames.SYN);
        long sum = InternetChecksum.pseudoHeader(CapturedFrames.CLIENT_IP, CapturedFrames.SERVER_IP, 6, tcp.length);

        assertThat(InternetChecksum.fold(InternetChecksum.add(sum, tcp, 0, tcp.length))).isEqualTo(0xffff);
        tcp[16] = 0;
        tcp[17] = 0;
        assertThat(InternetChecksum.finish(InternetChecksum.add(sum, tcp, 0, tcp.length))).isEqualTo(0x69ad);
    }
}
