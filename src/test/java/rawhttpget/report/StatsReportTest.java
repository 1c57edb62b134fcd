package rawhttpget.report;

import org.junit.jupiter.api.Test;
import rawhttpget.stack.DropReason;
import rawhttpget.stack.StackStats;
import rawhttpget.tcp.RttEstimator;
import rawhttpget.tcp.TcpStats;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatsReportTest {
    private static final long MS = 1_000_000L;

    private static PhaseTimes completePhases() {
        PhaseTimes p = new PhaseTimes();
        p.seen(1_000 * MS);
        p.resolved(1_002 * MS + 500_000);     // ARP 2.5 ms
        p.seen(1_003 * MS);
        p.established(1_003 * MS);            // handshake 0.5 ms
        p.seen(1_040 * MS);
        p.completed(1_040 * MS);              // transfer 37 ms
        p.seen(1_041 * MS + 250_000);
        p.done();                             // close 1.25 ms
        return p;
    }

    private static TcpStats tcp() {
        TcpStats t = new TcpStats();
        t.segmentsIn = 730;
        t.segmentsOut = 371;
        t.retransmissions = 2;
        t.timeouts = 1;
        t.fastRetransmits = 1;
        t.payloadBytesIn = 1_048_812;
        t.payloadBytesOut = 214;
        t.duplicateSegments = 3;
        t.outOfOrderSegments = 5;
        t.sackBlocksSent = 6;
        t.dsackBlocksSent = 1;
        t.pureAcksSent = 365;
        t.windowUpdates = 4;
        t.unacceptableSegments = 2;
        t.pawsRejected = 1;
        t.challengeAcks = 0;
        t.largestWindowAdvertised = 4_194_304;
        t.zeroWindowEvents = 1;
        t.zeroWindowsAdvertised = 3;
        t.peerZeroWindows = 0;
        return t;
    }

    private static StackStats stack() {
        StackStats s = new StackStats();
        s.framesIn = 733;
        s.framesOut = 372;
        s.count(DropReason.IP_CHECKSUM);
        s.count(DropReason.TCP_CHECKSUM);
        s.count(DropReason.TCP_CHECKSUM);
        s.framesDropped = 3;
        s.coalescedSegments = 4;
        s.partialChecksumSegments = 5;
        s.framesUnsentNoArp = 0;
        return s;
    }

    @Test
    void rendersOneCounterALineAfterThePhases() {
        RttEstimator rtt = new RttEstimator(200 * MS, 120_000 * MS);
        rtt.sample(1 * MS);
        rtt.sample(3 * MS);
        rtt.sample(500_000); // srtt: 1, then (7 + 3) / 8 = 1.25, then (7 * 1.25 + 0.5) / 8 = 1.15625 ms
        String report = StatsReport.render(
                List.of(new StatsReport.Transfer("http://files.test/1M.bin", "198.18.1.2.40000 > 198.18.1.1.80",
                        completePhases(), tcp(), rtt)),
                new StatsReport.Stack(stack(), 7, "trace.pcap", 1_105,
                        "real-time scheduling (SCHED_RR, priority 1)"));

        assertThat(report).isEqualTo("""
                rawhttpget statistics
                http://files.test/1M.bin (198.18.1.2.40000 > 198.18.1.1.80)
                  phases: arp 2.500 ms, handshake 0.500 ms, transfer 37.000 ms, close 1.250 ms
                  tcp:
                    730 segments received
                    371 segments sent
                    2 segments retransmitted (1 timeouts, 1 fast retransmits)
                    1048812 payload bytes received
                    214 payload bytes sent
                    3 duplicate segments received
                    5 out-of-order segments received
                    7 SACK blocks sent (1 D-SACK)
                    365 pure ACKs sent (4 window updates)
                    2 segments outside the window (1 PAWS, 0 challenge ACKs sent)
                    rtt min/avg/max 0.500/1.500/3.000 ms (3 samples), srtt 1.156 ms, rto 200.000 ms
                    largest window advertised 4194304 bytes
                    1 times our window closed to zero (3 segments advertised zero)
                    0 times the peer's window closed to zero
                stack:
                    733 frames received
                    372 frames sent
                    3 frames dropped by the stack (-d says why)
                    3 checksum failures (1 IP, 2 TCP, 0 ICMP)
                    4 GRO/LRO-coalesced segments accepted (checksum not verifiable)
                    5 segments from local peers accepted with a partial checksum (not verifiable)
                    0 packets not sent for want of the next hop's MAC
                    7 frames lost before the stack saw them (capture buffer full)
                    1105 frames written to trace.pcap
                    threads: real-time scheduling (SCHED_RR, priority 1)
                """);
    }

    @Test
    void severalConnectionsAreSummedOnceEachAfterTheTransfers() {
        TcpStats shared = tcp();
        TcpStats other = tcp();
        other.segmentsIn = 10;
        other.payloadBytesIn = 1000;
        RttEstimator rtt = new RttEstimator(200 * MS, 120_000 * MS);
        String report = StatsReport.render(List.of(
                        new StatsReport.Transfer("http://files.test/a", "a", completePhases(), shared, rtt),
                        new StatsReport.Transfer("http://files.test/b", "a", completePhases(), shared, rtt),
                        new StatsReport.Transfer("http://files.test/a", "b", completePhases(), other, rtt)),
                new StatsReport.Stack(stack(), 0, null, 0, "virtual time"));

        assertThat(report).contains("""
                all 2 connections:
                    740 segments received
                    742 segments sent
                    4 segments retransmitted
                    1049812 payload bytes received
                    428 payload bytes sent
                    6 duplicate segments received
                    10 out-of-order segments received
                stack:
                """);
    }

    @Test
    void transferThatNeverConnectedShowsItsUnfinishedArpPhase() {
        PhaseTimes p = new PhaseTimes();
        p.seen(0);
        p.seen(3_000 * MS);
        String report = StatsReport.render(List.of(new StatsReport.Transfer("http://files.test/", null, p, null, null)),
                new StatsReport.Stack(new StackStats(), 0, null, 0,
                        "normal scheduling priority (--no-realtime)"));

        assertThat(report).startsWith("""
                rawhttpget statistics
                http://files.test/
                  phases: arp 3000.000 ms (unfinished)
                  no connection was opened
                stack:
                """).doesNotContain("pcap");
    }

    @Test
    void failureInTheTransferLeavesOnlyTheTransferUnfinished() {
        PhaseTimes p = new PhaseTimes();
        p.seen(0);
        p.resolved(1 * MS);
        p.seen(2 * MS);
        p.established(2 * MS);
        p.seen(10 * MS);
        p.done();

        assertThat(p.duration(PhaseTimes.Phase.TRANSFER)).isEqualTo(8 * MS);
        assertThat(p.finished(PhaseTimes.Phase.HANDSHAKE)).isTrue();
        assertThat(p.finished(PhaseTimes.Phase.TRANSFER)).isFalse();
        assertThat(p.duration(PhaseTimes.Phase.CLOSE)).isEqualTo(-1);
    }
}
