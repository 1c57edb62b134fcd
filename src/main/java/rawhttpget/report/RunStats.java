package rawhttpget.report;

import rawhttpget.inet.Ipv4Address;
import rawhttpget.link.Link;
import rawhttpget.link.PcapRecorderLink;
import rawhttpget.stack.NetworkStack;
import rawhttpget.tcp.TcpConnection;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The transfers of one run, kept for {@code --stats}: the report reads them when the run ends, however it ends. */
public final class RunStats {
    private record Entry(String url, TransferStats transfer) {
    }

    private final List<Entry> transfers = new ArrayList<>();

    public void add(Object url, TransferStats transfer) {
        transfers.add(new Entry(String.valueOf(url), transfer));
    }

    public void print(PrintWriter out, NetworkStack stack, Link link, String pcapFile, String scheduling) {
        out.print(render(stack, link, pcapFile, scheduling));
        out.flush();
    }

    /** The --stats text, which the HTML report also shows as its header. */
    public String render(NetworkStack stack, Link link, String pcapFile, String scheduling) {
        List<StatsReport.Transfer> rows = new ArrayList<>();
        for (Entry e : transfers) {
            TcpConnection c = e.transfer().connection();
            String endpoints = c == null ? null : (c.remoteAddress().isIpv6() ? c.localAddress()
                    : Ipv4Address.format(stack.localAddress())) + "." + c.localPort() + " > " + c.remoteAddress() + "."
                    + c.remotePort();
            rows.add(new StatsReport.Transfer(e.url(), endpoints, e.transfer().phases(), c == null ? null : c.stats(),
                    c == null ? null : c.rtt()));
        }
        long pcapFrames = link instanceof PcapRecorderLink recorder ? recorder.framesRecorded() : 0;
        return StatsReport.render(rows, new StatsReport.Stack(stack.stats(), link.droppedFrames(), pcapFile, pcapFrames,
                scheduling));
    }

    /** Each transfer's URL, connection (null when it never opened one) and phases, for the HTML report. */
    List<TraceJson.Transfer> transfers() {
        List<TraceJson.Transfer> list = new ArrayList<>();
        for (Entry e : transfers) {
            list.add(new TraceJson.Transfer(e.url(), e.transfer().connection(), e.transfer().phases()));
        }
        return list;
    }
}
