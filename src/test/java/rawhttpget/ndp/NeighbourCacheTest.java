package rawhttpget.ndp;

import org.junit.jupiter.api.Test;
import rawhttpget.inet.Ipv6Address;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.ndp.NeighbourCache.NO_ENTRY;
import static rawhttpget.ndp.NeighbourCache.State.DELAY;
import static rawhttpget.ndp.NeighbourCache.State.INCOMPLETE;
import static rawhttpget.ndp.NeighbourCache.State.PROBE;
import static rawhttpget.ndp.NeighbourCache.State.REACHABLE;
import static rawhttpget.ndp.NeighbourCache.State.STALE;

class NeighbourCacheTest {
    private static final long S = 1_000_000_000L;
    private static final Ipv6Address ROUTER = Ipv6Address.parse("2001:2::fe");
    private static final long ROUTER_MAC = 0x2e49338eb85aL;
    private static final long OTHER_MAC = 0x2e49338eb85bL;

    private final NeighbourCache cache = new NeighbourCache();
    private final List<String> sent = new ArrayList<>();
    private final NeighbourCache.Output out = (target, mac) ->
            sent.add(target + (mac == NO_ENTRY ? " multicast" : " at " + Long.toHexString(mac)));

    @Test
    void solicitsThreeTimesOneSecondApartThenCallsTheNeighbourUnreachable() {
        assertThat(cache.resolve(ROUTER, 0, out)).isEqualTo(NO_ENTRY);
        assertThat(sent).containsExactly("2001:2::fe multicast");
        assertThat(cache.state(ROUTER, 0)).isEqualTo(INCOMPLETE);
        assertThat(cache.pollAt()).isEqualTo(S);

        cache.poll(S - 1, out);
        assertThat(sent).hasSize(1);
        cache.poll(S, out);
        cache.poll(2 * S, out);
        assertThat(sent).hasSize(3);
        assertThat(cache.resolve(ROUTER, 2 * S + 1, out)).as("resolving already").isEqualTo(NO_ENTRY);
        assertThat(sent).hasSize(3);
        assertThat(cache.hasFailed(ROUTER)).isFalse();

        cache.poll(3 * S, out);
        assertThat(sent).hasSize(3);
        assertThat(cache.hasFailed(ROUTER)).isTrue();
        assertThat(cache.state(ROUTER, 3 * S)).isNull();
        assertThat(cache.pollAt()).isEqualTo(Long.MAX_VALUE);
        assertThat(cache.resolve(ROUTER, 4 * S, out)).isEqualTo(NO_ENTRY);
        assertThat(sent).as("no new try until the failure is forgotten").hasSize(3);

        cache.forgetFailure(ROUTER);
        cache.resolve(ROUTER, 5 * S, out);
        assertThat(sent).hasSize(4);
    }

    @Test
    void aSolicitedAdvertisementResolvesAndIsTrustedForReachableTime() {
        cache.resolve(ROUTER, 0, out);
        cache.onAdvertisement(ROUTER, ROUTER_MAC, true, true, S / 2);

        assertThat(cache.state(ROUTER, S / 2)).isEqualTo(REACHABLE);
        assertThat(cache.resolve(ROUTER, S / 2, out)).isEqualTo(ROUTER_MAC);
        assertThat(cache.lookup(ROUTER, S / 2)).isEqualTo(ROUTER_MAC);
        assertThat(cache.pollAt()).as("REACHABLE turns STALE without a wake-up").isEqualTo(Long.MAX_VALUE);
        cache.poll(10 * S, out);
        assertThat(sent).hasSize(1);
        assertThat(cache.state(ROUTER, S / 2 + NeighbourCache.REACHABLE_TIME - 1)).isEqualTo(REACHABLE);
        assertThat(cache.state(ROUTER, S / 2 + NeighbourCache.REACHABLE_TIME)).isEqualTo(STALE);
    }

    @Test
    void sendingToAStaleNeighbourDelaysThenProbesItByUnicastThenGivesUp() {
        cache.onSourceLinkLayerAddress(ROUTER, ROUTER_MAC, 0);
        assertThat(cache.state(ROUTER, 0)).isEqualTo(STALE);

        long t = 10 * S;
        assertThat(cache.resolve(ROUTER, t, out)).as("a STALE entry is still used").isEqualTo(ROUTER_MAC);
        assertThat(cache.state(ROUTER, t)).isEqualTo(DELAY);
        assertThat(cache.pollAt()).isEqualTo(t + NeighbourCache.DELAY_FIRST_PROBE_TIME);
        cache.poll(t + NeighbourCache.DELAY_FIRST_PROBE_TIME - 1, out);
        assertThat(sent).isEmpty();

        t += NeighbourCache.DELAY_FIRST_PROBE_TIME;
        cache.poll(t, out);
        assertThat(cache.state(ROUTER, t)).isEqualTo(PROBE);
        assertThat(sent).containsExactly("2001:2::fe at 2e49338eb85a");
        cache.poll(t + S, out);
        cache.poll(t + 2 * S, out);
        assertThat(sent).hasSize(3);
        assertThat(cache.lookup(ROUTER, t + 2 * S)).as("still used while probed").isEqualTo(ROUTER_MAC);
        cache.poll(t + 3 * S, out);
        assertThat(sent).hasSize(3);
        assertThat(cache.hasFailed(ROUTER)).isTrue();
        assertThat(cache.lookup(ROUTER, t + 3 * S)).isEqualTo(NO_ENTRY);
    }

    @Test
    void anUpperLayerConfirmationSparesTheProbe() {
        cache.onSourceLinkLayerAddress(ROUTER, ROUTER_MAC, 0);
        cache.resolve(ROUTER, S, out);
        cache.confirmReachable(ROUTER, 2 * S);
        assertThat(cache.state(ROUTER, 2 * S)).isEqualTo(REACHABLE);
        cache.poll(S + NeighbourCache.DELAY_FIRST_PROBE_TIME, out);
        assertThat(sent).isEmpty();
    }

    @Test
    void aSolicitedAdvertisementEndsTheProbe() {
        cache.onSourceLinkLayerAddress(ROUTER, ROUTER_MAC, 0);
        cache.resolve(ROUTER, 0, out);
        cache.poll(NeighbourCache.DELAY_FIRST_PROBE_TIME, out);
        assertThat(cache.state(ROUTER, NeighbourCache.DELAY_FIRST_PROBE_TIME)).isEqualTo(PROBE);
        cache.onAdvertisement(ROUTER, NdpMessage.ABSENT, true, false, NeighbourCache.DELAY_FIRST_PROBE_TIME + 1);
        assertThat(cache.state(ROUTER, NeighbourCache.DELAY_FIRST_PROBE_TIME + 1)).isEqualTo(REACHABLE);
        assertThat(cache.pollAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anUnsolicitedAdvertisementResolvesToStale() {
        cache.resolve(ROUTER, 0, out);
        cache.onAdvertisement(ROUTER, NdpMessage.ABSENT, false, true, 1);
        assertThat(cache.state(ROUTER, 1)).as("nothing to resolve with").isEqualTo(INCOMPLETE);
        cache.onAdvertisement(ROUTER, ROUTER_MAC, false, true, 2);
        assertThat(cache.state(ROUTER, 2)).isEqualTo(STALE);
        assertThat(cache.lookup(ROUTER, 2)).isEqualTo(ROUTER_MAC);
        cache.poll(10 * S, out);
        assertThat(sent).as("resolution over").hasSize(1);
    }

    @Test
    void anotherAddressWithoutOverrideOnlyCostsTheEntryItsReachability() {
        cache.resolve(ROUTER, 0, out);
        cache.onAdvertisement(ROUTER, ROUTER_MAC, true, true, 1);
        cache.onAdvertisement(ROUTER, OTHER_MAC, true, false, 2);
        assertThat(cache.lookup(ROUTER, 2)).isEqualTo(ROUTER_MAC);
        assertThat(cache.state(ROUTER, 2)).isEqualTo(STALE);

        cache.onAdvertisement(ROUTER, OTHER_MAC, false, true, 3);
        assertThat(cache.lookup(ROUTER, 3)).as("override: the new address wins").isEqualTo(OTHER_MAC);
        assertThat(cache.state(ROUTER, 3)).isEqualTo(STALE);
        cache.onAdvertisement(ROUTER, OTHER_MAC, true, true, 4);
        assertThat(cache.state(ROUTER, 4)).isEqualTo(REACHABLE);
        cache.onAdvertisement(ROUTER, OTHER_MAC, false, false, 5);
        assertThat(cache.state(ROUTER, 5)).as("same address, unsolicited: no change").isEqualTo(REACHABLE);
    }

    @Test
    void ignoresAdvertisementsForAddressesItDoesNotHold() {
        cache.onAdvertisement(ROUTER, ROUTER_MAC, true, true, 0);
        assertThat(cache.size()).isZero();
        assertThat(cache.state(ROUTER, 0)).isNull();
    }

    @Test
    void aSolicitationsSourceAddressIsLearnedAsStale() {
        cache.onSourceLinkLayerAddress(Ipv6Address.UNSPECIFIED, ROUTER_MAC, 0);
        cache.onSourceLinkLayerAddress(ROUTER, NdpMessage.ABSENT, 0);
        assertThat(cache.size()).isZero();

        cache.resolve(ROUTER, 0, out);
        cache.onSourceLinkLayerAddress(ROUTER, ROUTER_MAC, 1);
        assertThat(cache.state(ROUTER, 1)).isEqualTo(STALE);
        cache.poll(5 * S, out);
        assertThat(sent).as("an INCOMPLETE entry given an address stops soliciting").hasSize(1);

        cache.confirmReachable(ROUTER, 2);
        cache.onSourceLinkLayerAddress(ROUTER, ROUTER_MAC, 3);
        assertThat(cache.state(ROUTER, 3)).as("same address: unchanged").isEqualTo(REACHABLE);
        cache.onSourceLinkLayerAddress(ROUTER, OTHER_MAC, 4);
        assertThat(cache.state(ROUTER, 4)).isEqualTo(STALE);
        assertThat(cache.lookup(ROUTER, 4)).isEqualTo(OTHER_MAC);
    }

    @Test
    void takesARoutersTimers() {
        NeighbourCache fast = new NeighbourCache(10 * S, S / 10);
        fast.resolve(ROUTER, 0, out);
        assertThat(fast.pollAt()).isEqualTo(S / 10);
        fast.onAdvertisement(ROUTER, ROUTER_MAC, true, true, 0);
        assertThat(fast.state(ROUTER, 10 * S)).isEqualTo(STALE);
    }
}
