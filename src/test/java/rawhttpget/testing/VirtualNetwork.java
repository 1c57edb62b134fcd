package rawhttpget.testing;

import rawhttpget.inet.MacAddress;
import rawhttpget.failure.DownloadException;
import rawhttpget.inet.IpAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.ipv6.Ipv6Route;
import rawhttpget.ipv4.Route;
import rawhttpget.link.FaultInjectingLink;
import rawhttpget.link.LinkFaults;
import rawhttpget.link.MemoryLink;
import rawhttpget.runtime.HostHooks;
import rawhttpget.runtime.HostSettings;
import rawhttpget.runtime.Interrupts;
import rawhttpget.runtime.LocalPort;
import rawhttpget.runtime.Network;
import rawhttpget.runtime.NetworkOpener;
import rawhttpget.stack.NetworkStack;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.time.ManualClock;
import rawhttpget.time.ManualSleeper;

import java.util.List;

/**
 * A whole run's network in virtual time: our stack on one end of a {@link MemoryLink}, a
 * {@link ScriptedHttpServer} on the other, a {@link ManualClock} that the event loop moves on to its next deadline
 * whenever the server has nothing to say, and a {@link ManualSleeper} for the pause between tries. It is a
 * {@link NetworkOpener}, so Downloader runs over it as it runs over the real interface. Both ends speak IPv6
 * too, at {@link #CLIENT_IP6} and {@link #SERVER_IP6}, on one /64.
 */
public final class VirtualNetwork implements NetworkOpener {
    public static final int CLIENT_IP = Ipv4Address.parseBits("198.18.0.1");
    public static final int SERVER_IP = Ipv4Address.parseBits("198.18.0.2");
    public static final Ipv6Address CLIENT_IP6 = Ipv6Address.parse("2001:2::1");
    public static final Ipv6Address SERVER_IP6 = Ipv6Address.parse("2001:2::2");
    public static final long CLIENT_MAC = 0x02_00_00_00_00_01L;
    public static final long SERVER_MAC = 0x02_00_00_00_00_02L;
    public static final int FIRST_LOCAL_PORT = 50000;
    private static final int MTU = 1500;
    /** More waits than any test's run needs: a loop that never ends fails instead. */
    private static final int MAX_WAITS = 1_000_000;

    public final ManualClock clock = new ManualClock(1_000_000_000L);
    public final ManualSleeper sleeper = new ManualSleeper(clock);
    public final ScriptedHttpServer server;
    private final MemoryLink client;
    private int nextPort = FIRST_LOCAL_PORT;
    private int waits;

    /** The client's end of the cable, with faults (null for a clean cable). */
    private final FaultInjectingLink faulty;

    public VirtualNetwork(List<ScriptedHttpServer.Reply> script) {
        MemoryLink[] cable = MemoryLink.pair();
        client = cable[0];
        server = new ScriptedHttpServer(cable[1], SERVER_MAC, SERVER_IP, 80, script).speakIpv6(SERVER_IP6);
        faulty = null;
    }

    /**
     * A cable whose client end loses, duplicates, delays or reorders frames as {@code inbound} and {@code outbound}
     * say ({@link FaultInjectingLink}, seeded); the scripted server then sends again what is unacknowledged
     * whenever the path falls quiet (go-back-N), as its retransmission timer would.
     */
    public VirtualNetwork(List<ScriptedHttpServer.Reply> script, LinkFaults inbound, LinkFaults outbound, long seed) {
        MemoryLink[] cable = MemoryLink.pair();
        client = cable[0];
        server = new ScriptedHttpServer(cable[1], SERVER_MAC, SERVER_IP, 80, script).speakIpv6(SERVER_IP6);
        faulty = new FaultInjectingLink(client, inbound, outbound, seed, clock);
    }

    @Override
    public Network open(HostSettings settings, Interrupts interrupts) {
        NetworkStack stack = new NetworkStack(faulty != null ? faulty : client, new MacAddress(CLIENT_MAC), new Route(CLIENT_IP, 24, 0), true,
                new IsnGenerator(new byte[32]));
        stack.enableIpv6(new Ipv6Route(CLIENT_IP6, 64, null), true);
        TcpConfig tcp = settings.tcpConfig(MTU - 40);
        return new Network(faulty != null ? faulty : client, clock, sleeper, this::awaitFramesUntil, stack, tcp, interrupts, new Hooks());
    }

    /** The server takes its turn; if it sent nothing, time jumps to the loop's deadline. */
    private void awaitFramesUntil(long deadline) {
        if (++waits > MAX_WAITS) {
            throw new AssertionError("the event loop waited " + MAX_WAITS + " times: the run never ends");
        }
        server.serve();
        if (client.pending() > 0) {
            return;
        }
        if (faulty != null) {
            long due = faulty.nextDueAt();
            if (due == Long.MAX_VALUE) {
                server.retransmitUnacknowledged(); // nothing in flight: what is unacknowledged was lost
                server.serve();
                if (client.pending() > 0) {
                    return;
                }
            }
            deadline = Math.min(deadline, due);
        }
        if (deadline == Long.MAX_VALUE) {
            throw new AssertionError("the event loop waits for nothing that will ever come");
        }
        clock.set(deadline);
    }

    /** No host to set up: each connection gets the next port. */
    private final class Hooks implements HostHooks {
        @Override
        public LocalPort openLocalPort(int wanted, int server, int serverPort) throws DownloadException {
            return LocalPort.plain(wanted != 0 ? wanted : nextPort++);
        }

        @Override
        public LocalPort openLocalPort(int wanted, IpAddress server, int serverPort) {
            return LocalPort.plain(wanted != 0 ? wanted : nextPort++);
        }

        @Override
        public String pcapFile() {
            return null;
        }

        @Override
        public String scheduling() {
            return "virtual time";
        }

        @Override
        public void release() {
        }
    }
}
