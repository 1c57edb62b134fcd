package rawhttpget.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.host.Firewall;
import rawhttpget.host.HostException;
import rawhttpget.host.KernelRoute;
import rawhttpget.host.LoopbackRouting;
import rawhttpget.host.PortReservation;
import rawhttpget.host.RstRule;
import rawhttpget.host.RstSuppressor;
import rawhttpget.host.Routes;
import rawhttpget.host.StaleRuleSweep;
import rawhttpget.host.UnusableInterfaceException;
import rawhttpget.inet.IpAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.inet.Ipv6Address;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The host's part of each connection, behind a {@link Network} that {@link HostContext} opened: in host-address
 * mode a port the kernel reserves for us and the firewall rule that keeps the kernel's RSTs off our connection;
 * in own-address mode a random port and nothing else. The rule is made once per run where the tool allows it
 * (nft: a table whose set each later connection joins, {@code host.NftTableCommands}), so both the rules and the
 * ports stay until the run's end: a port let through the rule stays ours while the rule matches it. They are
 * removed beside the end of the run (after the last connection, while the capture closes), with the sweep of
 * rules left by killed runs.
 */
final class HostConnections implements HostHooks {
    private static final Logger hostLog = LoggerFactory.getLogger("rawhttpget.host");
    /** Own-address mode owns its address outright, so any port will do; stay clear of well-known ones. */
    private static final int EPHEMERAL_LOW = 49152;

    private final String interfaceName;
    private final boolean ownAddressMode;
    private final int localAddress;
    /** Null while the run has no IPv6 address. */
    private Ipv6Address localAddress6;
    /** The IPv6 address is ours alone (--ip): the kernel knows nothing of it, so no reservation and no rule. */
    private boolean ownAddress6;
    /** The host firewall in host-address mode; null in own-address mode, which changes nothing. */
    private final Firewall firewall;
    /** Host-address mode: the removal of rules left by killed runs, started before the capture opens; else null. */
    private final StaleRuleSweep staleRuleSweep;
    private final String pcapFile;
    private final StackThreadPriority priority;
    /** On lo in host-address mode: the routing settings set for the run, put back at its end; else null. */
    private final LoopbackRouting loopbackRouting;
    /** Host-address mode: the ports of connections that are over, with their rules, kept until the run's end. */
    private final List<ReservedPort> ended = new ArrayList<>();
    /** Own-address mode's local ports (RFC 6056's random choice); made when first needed, as it costs start-up time. */
    private SecureRandom random;
    /** See the constructor; null when -i named the interface. */
    private final Routes routes;
    /** Servers whose route is known to leave through this run's interface. */
    private final Set<Integer> routedHere = new HashSet<>();

    /**
     * @param routes the main routing table when the interface was chosen by the kernel's route to the first URL's
     *               server (no -i), so that every later server is checked to go the same way; null with -i
     */
    HostConnections(String interfaceName, boolean ownAddressMode, int localAddress, Firewall firewall,
                    StaleRuleSweep staleRuleSweep, String pcapFile, StackThreadPriority priority,
                    LoopbackRouting loopbackRouting, Routes routes) {
        this.loopbackRouting = loopbackRouting;
        this.routes = routes;
        this.interfaceName = interfaceName;
        this.ownAddressMode = ownAddressMode;
        this.localAddress = localAddress;
        this.firewall = firewall;
        this.staleRuleSweep = staleRuleSweep;
        this.pcapFile = pcapFile;
        this.priority = priority;
    }

    @Override
    public LocalPort openLocalPort(int wanted, int server, int serverPort) throws DownloadException {
        requireRoutedHere(server);
        if (ownAddressMode) {
            if (wanted != 0) {
                return LocalPort.plain(wanted);
            }
            if (random == null) {
                random = new SecureRandom();
            }
            return LocalPort.plain(EPHEMERAL_LOW + random.nextInt(65536 - EPHEMERAL_LOW));
        }
        PortReservation reservation = null;
        boolean reserved = false;
        // --local-port: every connection uses the port in turn, and the run still holds it for an earlier one.
        ReservedPort earlier = wanted == 0 ? null : endedHolding(wanted);
        try {
            reservation = earlier != null ? earlier.handOver() : PortReservation.reserve(localAddress, wanted);
            int port = reservation.port();
            RstRule rule = RstRule.forThisProcess(interfaceName, localAddress, port, server, serverPort);
            RstSuppressor rst = null;
            if (firewall != null) {
                rst = installRule(rule);
            } else {
                hostLog.warn("--no-host-setup: no firewall rule added, so the kernel will likely reset this"
                        + " connection; it needs a rule like: {}", Firewall.suggestedCommand(rule));
            }
            reserved = true;
            return new ReservedPort(reservation, rst);
        } catch (HostException e) {
            throw new DownloadException(ExitCode.GENERIC, e.getMessage(), e);
        } finally {
            if (!reserved && reservation != null) {
                if (earlier != null) {
                    earlier.reservation = reservation; // still ours while the earlier connection's rule stays
                } else {
                    reservation.close();
                }
            }
        }
    }

    /** From now on IPv6 connections leave from {@code address}: the interface's, or with {@code own} ours alone. */
    void useIpv6(Ipv6Address address, boolean own) {
        this.localAddress6 = address;
        this.ownAddress6 = own;
    }

    /**
     * A server of either family. An IPv6 one gets what an IPv4 one gets (see the int form): the port reserved on
     * our IPv6 address and the connection in the run's firewall set for IPv6, or an ip6tables rule.
     */
    @Override
    public LocalPort openLocalPort(int wanted, IpAddress server, int serverPort) throws DownloadException {
        if (!(server instanceof Ipv6Address server6)) {
            return openLocalPort(wanted, ((Ipv4Address) server).bits(), serverPort);
        }
        if (localAddress6 == null) {
            throw new DownloadException(ExitCode.NETWORK, "no route to " + server + ": " + interfaceName
                    + " has no global IPv6 address");
        }
        if (ownAddressMode || ownAddress6) {
            return LocalPort.plain(wanted != 0 ? wanted : EPHEMERAL_LOW + new SecureRandom().nextInt(65536 - EPHEMERAL_LOW));
        }
        PortReservation reservation = null;
        try {
            reservation = PortReservation.reserve(localAddress6, wanted);
            RstRule rule = RstRule.forThisProcess(interfaceName, localAddress6, reservation.port(), server6, serverPort);
            RstSuppressor rst = null;
            if (firewall != null) {
                rst = installRule(rule);
            } else {
                hostLog.warn("--no-host-setup: no firewall rule added, so the kernel will likely reset this"
                        + " connection; it needs a rule like: {}", Firewall.suggestedCommand(rule));
            }
            ReservedPort port = new ReservedPort(reservation, rst);
            reservation = null;
            return port;
        } catch (HostException e) {
            throw new DownloadException(ExitCode.GENERIC, e.getMessage(), e);
        } finally {
            if (reservation != null) {
                reservation.close();
            }
        }
    }

    /** The connection that is over and still holds {@code port}, or null. */
    private ReservedPort endedHolding(int port) {
        for (ReservedPort p : ended) {
            if (p.reservation != null && p.reservation.port() == port) {
                return p;
            }
        }
        return null;
    }

    /**
     * One stack runs on one interface, the one the kernel routes the first URL's server to. A later server (another
     * URL, a redirect) that the kernel routes elsewhere could not be reached from it: say so in one line rather than
     * send its SYN out of the wrong interface and time out.
     */
    private void requireRoutedHere(int server) throws DownloadException {
        if (routes == null || routedHere.contains(server)) {
            return;
        }
        String through;
        try {
            through = KernelRoute.to(server, routes).interfaceName();
        } catch (UnusableInterfaceException e) {
            throw new DownloadException(ExitCode.NETWORK, e.getMessage(), e);
        }
        if (!through.equals(interfaceName)) {
            throw new DownloadException(ExitCode.NETWORK, Ipv4Address.format(server) + " is routed through " + through
                    + ", but this run's stack is on " + interfaceName + " (the first URL's route): fetch it in a run"
                    + " of its own, or name the interface with -i");
        }
        routedHere.add(server);
    }

    /** Host-address mode's port: the kernel's reservation of it, and the rule that keeps the kernel's RSTs in. */
    private final class ReservedPort implements LocalPort {
        /** Null once handed over to a later connection from the same port. */
        private PortReservation reservation;
        private final RstSuppressor rst;
        private final int port;

        ReservedPort(PortReservation reservation, RstSuppressor rst) {
            this.reservation = reservation;
            this.rst = rst;
            this.port = reservation.port();
        }

        @Override
        public int port() {
            return port;
        }

        /** A later connection from the same port takes the reservation; this one's rule stays until the end. */
        PortReservation handOver() {
            PortReservation taken = reservation;
            reservation = null;
            return taken;
        }

        /** The connection is over: its port and rule stay until the run's end ({@link #connectionsOver}). */
        @Override
        public void close() {
            if (!ended.contains(this)) {
                ended.add(this);
            }
        }

        /** Removes the rule and then frees the port: the port must not be the kernel's while a rule matches it. */
        void release() {
            try {
                if (rst != null) {
                    rst.close();
                }
            } finally {
                if (reservation != null) {
                    reservation.close();
                }
            }
        }
    }

    /** Host-address mode: adds the rule for one connection, once the sweep of killed runs' rules is done. */
    private RstSuppressor installRule(RstRule rule) {
        return RstSuppressor.install(firewall, rule, staleRuleSweep);
    }

    /**
     * Starts removing the run's rules and returns once nft (or iptables) runs: {@link #release()}, after the capture
     * is closed, waits for them. The two waits of a run's end (nft deleting the table, the kernel closing the
     * capture socket) then overlap. The capture must be closed only after the tool has started: a child spawned
     * meanwhile would hold the socket, close it last and pay for the socket's teardown (two RCU grace periods)
     * before running the tool.
     */
    @Override
    public void connectionsOver() {
        for (ReservedPort port : ended) {
            if (port.rst != null) {
                port.rst.closeInBackground();
            }
        }
    }

    @Override
    public String pcapFile() {
        return pcapFile;
    }

    @Override
    public String scheduling() {
        return priority.describe();
    }

    /** After the capture is closed (see {@link #connectionsOver}). */
    @Override
    public void release() {
        try {
            RuntimeException first = null;
            for (ReservedPort port : ended) {
                try {
                    port.release();
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
            ended.clear();
            if (first != null) {
                throw first;
            }
        } finally {
            if (staleRuleSweep != null) {
                staleRuleSweep.await();
            }
            if (loopbackRouting != null) {
                loopbackRouting.close();
            }
        }
    }
}
