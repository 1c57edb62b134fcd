package rawhttpget.arp;

import org.junit.jupiter.api.Test;
import rawhttpget.inet.MacAddress;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The resolver in virtual time: every call is given "now" in nanoseconds; nothing sleeps. */
class ArpResolverTest {
    private static final long MS = 1_000_000L;
    private static final long INTERVAL = 1000 * MS;
    private static final long LIFETIME = 60_000 * MS;
    private static final int MAX_ATTEMPTS = 3;
    private static final int OUR_IP = 0xc6120001;        // 198.18.0.1
    private static final int GATEWAY = 0xc61200fe;       // 198.18.0.254
    private static final int NEIGHBOUR = 0xc6120009;     // 198.18.0.9
    private static final long GATEWAY_MAC = 0x8e1bcb58f239L;
    private static final long OTHER_MAC = 0x02000000bad0L;
    private static final long NEIGHBOUR_MAC = 0x020000000009L;
    private static final long T0 = 123_456 * MS;

    private record Sent(int operation, long targetMac, int targetIp, long destinationMac) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final ArpResolver.ArpOutput out = (op, targetMac, targetIp, destinationMac) -> sent.add(new Sent(op, targetMac, targetIp, destinationMac));

    private static ArpResolver resolver(boolean answerRequests) {
        return new ArpResolver(new ArpCache(LIFETIME), OUR_IP, answerRequests, MAX_ATTEMPTS, INTERVAL);
    }

    private static Sent whoHas(int ip) {
        return new Sent(ArpPacket.OP_REQUEST, 0, ip, MacAddress.BROADCAST.bits());
    }

    private static ArpPacket packet(int op, long senderMac, int senderIp, long targetMac, int targetIp) {
        byte[] b = new byte[ArpPacket.LENGTH];
        ArpPacket.emit(b, 0, op, senderMac, senderIp, targetMac, targetIp);
        ArpPacket p = new ArpPacket();
        assertThat(p.wrap(b, 0, b.length)).isNull();
        return p;
    }

    private static ArpPacket gatewayReply() {
        return packet(ArpPacket.OP_REPLY, GATEWAY_MAC, GATEWAY, 0x020000000001L, OUR_IP);
    }

    @Test
    void sendsABroadcastRequestAtOnceForAnUnknownAddress() {
        ArpResolver r = resolver(false);

        assertThat(r.resolve(GATEWAY, T0, out)).isEqualTo(ArpCache.NO_ENTRY);

        assertThat(sent).containsExactly(whoHas(GATEWAY));
        assertThat(r.pollAt()).isEqualTo(T0 + INTERVAL);
        assertThat(r.hasFailed(GATEWAY)).isFalse();
    }

    @Test
    void asksOnceWhileAResolutionIsPending() {
        ArpResolver r = resolver(false);
        r.resolve(GATEWAY, T0, out);

        assertThat(r.resolve(GATEWAY, T0, out)).isEqualTo(ArpCache.NO_ENTRY);
        assertThat(r.resolve(GATEWAY, T0 + INTERVAL - 1, out)).isEqualTo(ArpCache.NO_ENTRY);
        r.poll(T0 + INTERVAL - 1, out);

        assertThat(sent).containsExactly(whoHas(GATEWAY));
    }

    @Test
    void retriesAtEachIntervalThenFailsOneIntervalAfterTheLastRequest() {
        ArpResolver r = resolver(false);
        r.resolve(GATEWAY, T0, out);

        r.poll(T0 + INTERVAL - 1, out);
        assertThat(sent).hasSize(1);
        r.poll(T0 + INTERVAL, out);
        assertThat(sent).hasSize(2);
        assertThat(r.pollAt()).isEqualTo(T0 + 2 * INTERVAL);
        r.poll(T0 + 2 * INTERVAL - 1, out);
        assertThat(sent).hasSize(2);
        r.poll(T0 + 2 * INTERVAL, out);
        assertThat(sent).containsExactly(whoHas(GATEWAY), whoHas(GATEWAY), whoHas(GATEWAY));
        assertThat(r.pollAt()).isEqualTo(T0 + 3 * INTERVAL);

        r.poll(T0 + 3 * INTERVAL - 1, out);
        assertThat(r.hasFailed(GATEWAY)).isFalse();
        r.poll(T0 + 3 * INTERVAL, out);
        assertThat(r.hasFailed(GATEWAY)).isTrue();
        assertThat(sent).hasSize(MAX_ATTEMPTS);
        assertThat(r.pollAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aFailedAddressIsNotAskedForAgain() {
        ArpResolver r = resolver(false);
        r.resolve(GATEWAY, T0, out);
        for (long t = T0; t <= T0 + 3 * INTERVAL; t += INTERVAL) {
            r.poll(t, out);
        }
        assertThat(r.hasFailed(GATEWAY)).isTrue();

        assertThat(r.resolve(GATEWAY, T0 + 10 * INTERVAL, out)).isEqualTo(ArpCache.NO_ENTRY);
        r.poll(T0 + 20 * INTERVAL, out);

        assertThat(sent).hasSize(MAX_ATTEMPTS);
    }

    @Test
    void aForgottenFailureIsAskedForAgain() {
        ArpResolver r = resolver(false);
        r.resolve(GATEWAY, T0, out);
        for (long t = T0; t <= T0 + 3 * INTERVAL; t += INTERVAL) {
            r.poll(t, out);
        }
        assertThat(r.hasFailed(GATEWAY)).isTrue();

        r.forgetFailure(GATEWAY);

        assertThat(r.hasFailed(GATEWAY)).isFalse();
        assertThat(r.resolve(GATEWAY, T0 + 10 * INTERVAL, out)).isEqualTo(ArpCache.NO_ENTRY);
        assertThat(sent).hasSize(MAX_ATTEMPTS + 1);
    }

    @Test
    void aLatePollSchedulesTheNextRetryFromWhenTheRequestWentOut() {
        ArpResolver r = resolver(false);
        r.resolve(GATEWAY, T0, out);

        r.poll(T0 + INTERVAL + 400 * MS, out);

        assertThat(sent).hasSize(2);
        assertThat(r.pollAt()).isEqualTo(T0 + 2 * INTERVAL + 400 * MS);
    }

    @Test
    void learnsTheReplyAndStopsAsking() {
        ArpResolver r = resolver(false);
        r.resolve(GATEWAY, T0, out);

        r.onArp(gatewayReply(), T0 + 300 * MS, out);

        assertThat(r.resolve(GATEWAY, T0 + 300 * MS, out)).isEqualTo(GATEWAY_MAC);
        assertThat(r.pollAt()).isEqualTo(Long.MAX_VALUE);
        r.poll(T0 + 10 * INTERVAL, out);
        assertThat(sent).containsExactly(whoHas(GATEWAY));
        assertThat(r.hasFailed(GATEWAY)).isFalse();
    }

    @Test
    void aReplyAfterFailureStillResolves() {
        ArpResolver r = resolver(false);
        r.resolve(GATEWAY, T0, out);
        for (long t = T0; t <= T0 + 3 * INTERVAL; t += INTERVAL) {
            r.poll(t, out);
        }

        r.onArp(gatewayReply(), T0 + 4 * INTERVAL, out);

        assertThat(r.hasFailed(GATEWAY)).isFalse();
        assertThat(r.resolve(GATEWAY, T0 + 4 * INTERVAL, out)).isEqualTo(GATEWAY_MAC);
    }

    @Test
    void resolvesAgainOnceTheLearnedMappingExpires() {
        ArpResolver r = resolver(false);
        r.resolve(GATEWAY, T0, out);
        r.onArp(gatewayReply(), T0, out);

        assertThat(r.resolve(GATEWAY, T0 + LIFETIME - 1, out)).isEqualTo(GATEWAY_MAC);
        assertThat(sent).hasSize(1);
        assertThat(r.resolve(GATEWAY, T0 + LIFETIME, out)).isEqualTo(ArpCache.NO_ENTRY);
        assertThat(sent).containsExactly(whoHas(GATEWAY), whoHas(GATEWAY));
    }

    @Test
    void resolvesSeveralAddressesOnTheirOwnSchedules() {
        ArpResolver r = resolver(false);
        r.resolve(GATEWAY, T0, out);
        r.resolve(NEIGHBOUR, T0 + 250 * MS, out);
        assertThat(sent).containsExactly(whoHas(GATEWAY), whoHas(NEIGHBOUR));

        r.poll(T0 + INTERVAL, out);
        assertThat(sent).containsExactly(whoHas(GATEWAY), whoHas(NEIGHBOUR), whoHas(GATEWAY));
        assertThat(r.pollAt()).isEqualTo(T0 + 250 * MS + INTERVAL);
        r.onArp(packet(ArpPacket.OP_REPLY, NEIGHBOUR_MAC, NEIGHBOUR, 0x020000000001L, OUR_IP), T0 + INTERVAL + 1, out);
        assertThat(r.pollAt()).isEqualTo(T0 + 2 * INTERVAL);

        assertThat(r.resolve(NEIGHBOUR, T0 + INTERVAL + 1, out)).isEqualTo(NEIGHBOUR_MAC);
        assertThat(r.resolve(GATEWAY, T0 + INTERVAL + 1, out)).isEqualTo(ArpCache.NO_ENTRY);
    }

    @Test
    void answersARequestForOurAddressWhenAskedTo() {
        ArpResolver r = resolver(true);

        r.onArp(packet(ArpPacket.OP_REQUEST, GATEWAY_MAC, GATEWAY, 0, OUR_IP), T0, out);

        assertThat(sent).containsExactly(new Sent(ArpPacket.OP_REPLY, GATEWAY_MAC, GATEWAY, GATEWAY_MAC));
        assertThat(r.resolve(GATEWAY, T0, out)).as("the asker is learned too").isEqualTo(GATEWAY_MAC);
        assertThat(sent).hasSize(1);
    }

    @Test
    void leavesRequestsForOurAddressToTheKernelByDefault() {
        ArpResolver r = resolver(false);

        r.onArp(packet(ArpPacket.OP_REQUEST, GATEWAY_MAC, GATEWAY, 0, OUR_IP), T0, out);

        assertThat(sent).isEmpty();
        assertThat(r.resolve(GATEWAY, T0, out)).isEqualTo(GATEWAY_MAC);
    }

    @Test
    void neitherAnswersNorLearnsFromRequestsForOtherAddresses() {
        ArpResolver r = resolver(true);

        r.onArp(packet(ArpPacket.OP_REQUEST, NEIGHBOUR_MAC, NEIGHBOUR, 0, GATEWAY), T0, out);
        assertThat(sent).isEmpty();

        assertThat(r.resolve(NEIGHBOUR, T0, out)).isEqualTo(ArpCache.NO_ENTRY);
        assertThat(sent).containsExactly(whoHas(NEIGHBOUR));
    }

    @Test
    void doesNotAnswerAReplyThatNamesOurAddress() {
        ArpResolver r = resolver(true);

        r.onArp(gatewayReply(), T0, out);

        assertThat(sent).isEmpty();
    }

    @Test
    void answersAnAddressProbeButLearnsNothingFromItsZeroSender() {
        ArpResolver r = resolver(true);

        r.onArp(packet(ArpPacket.OP_REQUEST, NEIGHBOUR_MAC, 0, 0, OUR_IP), T0, out);

        assertThat(sent).containsExactly(new Sent(ArpPacket.OP_REPLY, NEIGHBOUR_MAC, 0, NEIGHBOUR_MAC));
        assertThat(r.resolve(0, T0, out)).isEqualTo(ArpCache.NO_ENTRY);
    }

    @Test
    void refreshesAKnownMappingFromAGratuitousArp() {
        ArpResolver r = resolver(false);
        r.resolve(GATEWAY, T0, out);
        r.onArp(gatewayReply(), T0, out);

        r.onArp(packet(ArpPacket.OP_REQUEST, OTHER_MAC, GATEWAY, 0, GATEWAY), T0 + INTERVAL, out);

        assertThat(r.resolve(GATEWAY, T0 + INTERVAL, out)).isEqualTo(OTHER_MAC);
        assertThat(r.resolve(GATEWAY, T0 + INTERVAL + LIFETIME - 1, out)).isEqualTo(OTHER_MAC);
    }

    @Test
    void ignoresAGratuitousArpForAnAddressItHasNoBusinessWith() {
        ArpResolver r = resolver(false);

        r.onArp(packet(ArpPacket.OP_REPLY, NEIGHBOUR_MAC, NEIGHBOUR, MacAddress.BROADCAST.bits(), NEIGHBOUR), T0, out);

        assertThat(r.resolve(NEIGHBOUR, T0, out)).isEqualTo(ArpCache.NO_ENTRY);
    }

    @Test
    void keepsAPinnedMappingWhenAnotherMacClaimsTheAddress() {
        ArpResolver r = resolver(false);
        r.resolve(GATEWAY, T0, out);
        r.onArp(gatewayReply(), T0, out);
        r.pin(GATEWAY, GATEWAY_MAC);

        r.onArp(packet(ArpPacket.OP_REPLY, OTHER_MAC, GATEWAY, 0x020000000001L, OUR_IP), T0 + 1, out);

        assertThat(r.resolve(GATEWAY, T0 + 1, out)).isEqualTo(GATEWAY_MAC);
        r.unpin(GATEWAY);
        assertThat(r.resolve(GATEWAY, T0 + 1, out)).as("the claim was still recorded in the cache").isEqualTo(OTHER_MAC);
    }

    @Test
    void aPinnedMappingOutlivesTheCacheLifetime() {
        ArpResolver r = resolver(false);
        r.pin(GATEWAY, GATEWAY_MAC);

        assertThat(r.resolve(GATEWAY, T0 + 10 * LIFETIME, out)).isEqualTo(GATEWAY_MAC);
        assertThat(sent).isEmpty();
    }
}
