package rawhttpget.report;

import rawhttpget.stack.DropReason;
import rawhttpget.stack.StackStats;
import rawhttpget.tcp.RttEstimator;
import rawhttpget.tcp.TcpStats;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * The end-of-run report of {@code --stats}, in the spirit of {@code netstat -s} (one counter a line, the number
 * first) and {@code ss -ti} (per connection: RTT, RTO, windows). One block per transfer, then the stack's frame
 * counters. Pure: it renders what it is given.
 */
final class StatsReport {
    /** One transfer: its URL, its connection's endpoints in tcpdump's notation (null when it never connected). */
    record Transfer(String url, String endpoints, PhaseTimes phases, TcpStats tcp, RttEstimator rtt) {
    }

    /**
     * The stack and the device: frame counters, frames lost under the stack, the pcap trace (null when none),
     * and how the stack's threads were scheduled.
     */
    record Stack(StackStats frames, long framesLostBelow, String pcapFile, long pcapFrames, String scheduling) {
    }

    private StatsReport() {
    }

    static String render(List<Transfer> transfers, Stack stack) {
        StringBuilder s = new StringBuilder("rawhttpget statistics\n");
        for (Transfer t : transfers) {
            transfer(s, t);
        }
        total(s, transfers);
        StackStats f = stack.frames();
        s.append("stack:\n");
        line(s, f.framesIn, "frames received");
        line(s, f.framesOut, "frames sent");
        if (f.ipv6FramesIn + f.ipv6FramesOut > 0) {
            line(s, f.ipv6FramesIn, "of the frames received carried IPv6 (Neighbor Discovery included)");
            line(s, f.ipv6FramesOut, "of the frames sent carried IPv6 (Neighbor Discovery included)");
        }
        line(s, f.framesDropped, "frames dropped by the stack (-d says why)");
        long ip = f.dropped(DropReason.IP_CHECKSUM);
        long tcp = f.dropped(DropReason.TCP_CHECKSUM);
        long icmp = f.dropped(DropReason.ICMP_CHECKSUM);
        line(s, ip + tcp + icmp, "checksum failures (" + ip + " IP, " + tcp + " TCP, " + icmp + " ICMP)");
        line(s, f.coalescedSegments, "GRO/LRO-coalesced segments accepted (checksum not verifiable)");
        line(s, f.partialChecksumSegments, "segments from local peers accepted with a partial checksum (not verifiable)");
        line(s, f.framesUnsentNoArp, "packets not sent for want of the next hop's MAC");
        line(s, stack.framesLostBelow(), "frames lost before the stack saw them (capture buffer full)");
        if (stack.pcapFile() != null) {
            line(s, stack.pcapFrames(), "frames written to " + stack.pcapFile());
        }
        s.append("    threads: ").append(stack.scheduling()).append('\n');
        return s.toString();
    }

    private static void transfer(StringBuilder s, Transfer t) {
        s.append(t.url());
        if (t.endpoints() != null) {
            s.append(" (").append(t.endpoints()).append(')');
        }
        s.append('\n');
        PhaseTimes p = t.phases();
        s.append("  phases:");
        String sep = " ";
        for (PhaseTimes.Phase phase : PhaseTimes.Phase.values()) {
            long d = p.duration(phase);
            if (d >= 0) {
                s.append(sep).append(phase.name().toLowerCase(Locale.ROOT)).append(' ').append(millis(d))
                        .append(p.finished(phase) ? "" : " (unfinished)");
                sep = ", ";
            }
        }
        if (sep.equals(" ")) {
            s.append(" none");
        }
        s.append('\n');
        TcpStats c = t.tcp();
        if (c == null) {
            s.append("  no connection was opened\n");
            return;
        }
        s.append("  tcp:\n");
        line(s, c.segmentsIn, "segments received");
        line(s, c.segmentsOut, "segments sent");
        line(s, c.retransmissions, "segments retransmitted (" + c.timeouts + " timeouts, " + c.fastRetransmits
                + " fast retransmits)");
        line(s, c.payloadBytesIn, "payload bytes received");
        line(s, c.payloadBytesOut, "payload bytes sent");
        line(s, c.duplicateSegments, "duplicate segments received");
        line(s, c.outOfOrderSegments, "out-of-order segments received");
        line(s, c.sackBlocksSent + c.dsackBlocksSent, "SACK blocks sent (" + c.dsackBlocksSent + " D-SACK)");
        line(s, c.pureAcksSent, "pure ACKs sent (" + c.windowUpdates + " window updates)");
        line(s, c.unacceptableSegments, "segments outside the window (" + c.pawsRejected + " PAWS, " + c.challengeAcks
                + " challenge ACKs sent)");
        RttEstimator r = t.rtt();
        if (r.samples() > 0) {
            s.append("    rtt min/avg/max ").append(millisNumber(r.minSample())).append('/')
                    .append(millisNumber(r.meanSample())).append('/').append(millisNumber(r.maxSample()))
                    .append(" ms (").append(r.samples()).append(" samples), srtt ").append(millis(r.srtt()))
                    .append(", rto ").append(millis(r.rto())).append('\n');
        } else {
            s.append("    rtt not measured, rto ").append(millis(r.rto())).append('\n');
        }
        s.append("    largest window advertised ").append(c.largestWindowAdvertised).append(" bytes\n");
        if (c.readRateLimit > 0) {
            s.append("    reads paced to ").append(c.readRateLimit).append(" bytes/s (--limit-rate), so the window limited"
                    + " the server: windows advertised ").append(c.smallestWindowAdvertised == Long.MAX_VALUE ? 0
                    : c.smallestWindowAdvertised).append('-').append(c.largestWindowAdvertised).append(" bytes, ")
                    .append(c.pacedReads).append(" reads held back with bytes waiting\n");
        }
        line(s, c.zeroWindowEvents, "times our window closed to zero (" + c.zeroWindowsAdvertised
                + " segments advertised zero)");
        line(s, c.peerZeroWindows, "times the peer's window closed to zero");
    }

    /**
     * With several connections (--split, -j, or URLs that did not share one): their sum. A kept-alive connection
     * carrying several transfers is counted once.
     */
    private static void total(StringBuilder s, List<Transfer> transfers) {
        Set<TcpStats> connections = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Transfer t : transfers) {
            if (t.tcp() != null) {
                connections.add(t.tcp());
            }
        }
        if (connections.size() < 2) {
            return;
        }
        long in = 0, out = 0, retransmitted = 0, bytesIn = 0, bytesOut = 0, duplicates = 0, outOfOrder = 0;
        for (TcpStats c : connections) {
            in += c.segmentsIn;
            out += c.segmentsOut;
            retransmitted += c.retransmissions;
            bytesIn += c.payloadBytesIn;
            bytesOut += c.payloadBytesOut;
            duplicates += c.duplicateSegments;
            outOfOrder += c.outOfOrderSegments;
        }
        s.append("all ").append(connections.size()).append(" connections:\n");
        line(s, in, "segments received");
        line(s, out, "segments sent");
        line(s, retransmitted, "segments retransmitted");
        line(s, bytesIn, "payload bytes received");
        line(s, bytesOut, "payload bytes sent");
        line(s, duplicates, "duplicate segments received");
        line(s, outOfOrder, "out-of-order segments received");
    }

    private static void line(StringBuilder s, long n, String what) {
        s.append("    ").append(n).append(' ').append(what).append('\n');
    }

    static String millis(long nanos) {
        return millisNumber(nanos) + " ms";
    }

    private static String millisNumber(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
