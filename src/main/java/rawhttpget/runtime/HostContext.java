package rawhttpget.runtime;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.inet.MacAddress;
import rawhttpget.host.BootId;
import rawhttpget.host.Firewall;
import rawhttpget.host.HostException;
import rawhttpget.host.InterfaceInfo;
import rawhttpget.host.InterfaceKind;
import rawhttpget.host.Ipv6Interface;
import rawhttpget.host.KernelRandom;
import rawhttpget.host.KernelRoute;
import rawhttpget.host.LinkWait;
import rawhttpget.host.LoopbackRouting;
import rawhttpget.host.Offloads;
import rawhttpget.host.Privileges;
import rawhttpget.host.Routes;
import rawhttpget.host.StaleRuleSweep;
import rawhttpget.host.UnusableInterfaceException;
import rawhttpget.http.HttpUrl;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.ipv6.Ipv6Route;
import rawhttpget.ipv4.Route;
import rawhttpget.link.Link;
import rawhttpget.link.LinkException;
import rawhttpget.link.LinkLayer;
import rawhttpget.link.PcapLink;
import rawhttpget.link.PcapLinkSettings;
import rawhttpget.link.PcapRecorderLink;
import rawhttpget.link.PcapWriter;
import rawhttpget.stack.LinkKind;
import rawhttpget.stack.NetworkStack;
import rawhttpget.stack.ReceiveCoalescing;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.time.EpochClock;
import rawhttpget.time.Clock;
import rawhttpget.time.SystemClock;
import rawhttpget.time.SystemSleeper;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Sets a run up on the host: checks privileges, libpcap and the interface, opens the pcap link (with --pcap, through
 * a recorder), raises the stack thread's priority, probes for --ip's address, and builds the {@link Network} over
 * the real interface and the system clock, the only place that picks them. {@link HostConnections} then stays
 * behind that Network for the host's part of each connection.
 */
public final class HostContext {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");
    private static final int MAX_IPV4_PACKET = 65_535;
    private HostContext() {
    }

    /** Installs the signal handlers, then sets the host up; a {@link NetworkOpener}. */
    public static Network open(HostSettings settings, Interrupts interrupts) throws DownloadException {
        interrupts.install();
        Clock clock = SystemClock.INSTANCE;
        OwnIpv6Address own6 = OwnIpv6Address.parse(settings.ownAddress(), settings.ownMac());
        OwnAddress parsedOwn = own6 != null ? null : OwnAddress.parse(settings.ownAddress(), settings.ownMac());
        boolean addsFirewallRules = parsedOwn == null && !settings.noHostSetup();
        StaleRuleSweep sweep = null;
        LoopbackRouting loopback = null;
        boolean opened = false;
        try {
            // Nothing touches the host before these three checks: privileges, libpcap, the interface.
            Privileges.ofThisProcess().require(addsFirewallRules, javaBinary());
            PcapLink.requireLibrary();
            Routes routes = Routes.readSystem();
            KernelRoute chosen = settings.interfaceName() != null ? null : routeToFirstUrl(settings.firstUrl(), routes);
            String name = chosen != null ? chosen.interfaceName() : settings.interfaceName();
            InterfaceInfo iface = awaitLink(name, chosen != null ? chosen.preferredSource() : 0, settings, interrupts)
                    .requireUsable(parsedOwn == null);
            OwnAddress own = settings.ownMac() == null ? ownMacWhereOnlyItArrives(parsedOwn, name, iface) : parsedOwn;
            if (own != null && own.address() == iface.ipv4Address()) {
                throw new DownloadException(ExitCode.USAGE, "--ip " + Ipv4Address.format(own.address()) + " is "
                        + name + "'s own address: leave out --ip to use it");
            }
            LinkKind linkKind = linkKind(name);
            if ((own != null || own6 != null) && linkKind == LinkKind.LOOPBACK) {
                throw new DownloadException(ExitCode.USAGE, "--ip cannot be used on " + name
                        + ": the kernel owns every loopback address itself; leave out --ip");
            }
            if ((own != null || own6 != null) && linkKind == LinkKind.RAW_IP) {
                throw new DownloadException(ExitCode.USAGE, "--ip cannot be used on " + name
                        + ": an L3 link has no ARP, so no address of our own can be claimed there; leave out --ip");
            }
            int address = own != null ? own.address() : iface.ipv4Address();
            int prefix = own != null ? own.prefixLength() : iface.prefixLength();
            int gateway = chosen != null && chosen.gateway() != 0 ? chosen.gateway() : defaultGateway(routes, name);
            if (gateway != 0 && !Ipv4Address.sameSubnet(gateway, address, prefix)) {
                gateway = 0;
            }
            // An L3 link has no neighbours: every destination is handed to the link as it is.
            Route route = linkKind == LinkKind.RAW_IP ? new Route(address, 0, 0) : new Route(address, prefix, gateway);
            LinkLayer layer = linkKind.hasEthernetHeader() ? LinkLayer.ETHERNET : LinkLayer.RAW_IP;
            MacAddress mac = own != null ? own.mac() : new MacAddress(iface.mac());
            // An IPv4 packet holds at most 65535 bytes: lo's MTU of 65536 gives an MSS of 65495, as Linux's.
            TcpConfig tcp = settings.tcpConfig(Math.min(iface.mtu(), MAX_IPV4_PACKET) - 40);
            ReceiveCoalescing coalescing = receiveCoalescing(name, iface.mtu());
            Firewall firewall = addsFirewallRules ? Firewall.onHost() : null;
            // The nft/iptables listings of the sweep run while the capture opens, not before the rule is added.
            sweep = firewall != null ? StaleRuleSweep.start(firewall) : null;
            log.debug("{}", JitDirectives.outcome());
            log.info("interface {}: {} mac {} mtu {}, route {}, {} mode, {} link", name, Ipv4Address.format(address),
                    mac, iface.mtu(), route, own != null ? "own-address" : "host-address", linkKindName(linkKind));
            // IPv6 beside IPv4: --ip's IPv6 address (own-address mode, the kernel's router), or in host-address mode
            // the kernel's global address on the interface, if it has one.
            Ipv6Interface v6 = own6 != null ? new Ipv6Interface(own6.address(), own6.prefixLength(),
                    Ipv6Interface.read(name, own6.address()).map(Ipv6Interface::gateway).orElse(null))
                    : own == null ? Ipv6Interface.read(name, firstUrlIpv6(settings.firstUrl())).orElse(null) : null;
            String ours = "dst host " + Ipv4Address.format(address) + " and (tcp or icmp)";
            if (v6 != null) {
                log.info("interface {}: IPv6 {}/{}{}", name, v6.address(), v6.prefixLength(),
                        v6.gateway() == null ? "" : " via " + v6.gateway());
                // Neighbor Discovery to our solicited-node group, and to all nodes (DAD's answers go there).
                ours = "(" + ours + ") or (dst host " + v6.address() + " and (tcp or icmp6)) or (icmp6 and (dst host "
                        + v6.address().solicitedNodeMulticast() + " or dst host ff02::1))";
            }
            String filter = layer == LinkLayer.ETHERNET ? "arp or (" + ours + ")" : ours;
            PcapWriter pcap = openPcap(settings.pcapFile(), layer);
            StackThreadPriority priority = StackThreadPriority.choose(settings.noRealtime(),
                    Runtime.getRuntime().availableProcessors());
            Link link;
            try {
                link = PcapLink.open(PcapLinkSettings.of(name, filter)
                        .withKernelBufferBytes(Math.max(PcapLinkSettings.DEFAULT_KERNEL_BUFFER_BYTES, 2 * tcp.receiveBuffer()))
                        .withPromiscuous(own != null || own6 != null)
                        .withTransmitThreadSetup(priority.transmitThreadSetup()), layer);
            } catch (RuntimeException e) {
                closeQuietly(pcap);
                throw e;
            }
            // This thread runs the event loop from here on; threads and processes it starts later stay ordinary.
            priority.raiseStackThread();
            if (pcap != null) {
                // Stamped with the loop's own clock, so the trace's times are the stack's.
                link = new PcapRecorderLink(link, pcap, EpochClock.anchoredNow(clock), settings.pcapFile());
            }
            byte[] secret;
            try {
                secret = KernelRandom.bytes(32);
            } catch (HostException e) {
                link.close();
                throw e;
            }
            // Timestamps keyed by the boot, not the run, keep rising from one run to the next (IsnGenerator).
            byte[] timestampKey = BootId.read().orElseGet(() -> {
                log.debug("no boot id to key TCP timestamps with; they are keyed by this run alone");
                return secret;
            });
            NetworkStack stack = new NetworkStack(link, linkKind, mac, route, own != null,
                    new IsnGenerator(secret, timestampKey), coalescing);
            if (v6 != null) {
                stack.enableIpv6(linkKind == LinkKind.RAW_IP ? new Ipv6Route(v6.address(), 0, null)
                        : new Ipv6Route(v6.address(), v6.prefixLength(), v6.gateway()), own6 != null);
            }
            loopback = linkKind == LinkKind.LOOPBACK ? loopbackRouting(name, addsFirewallRules) : null;
            HostConnections host = new HostConnections(name, own != null, address, firewall, sweep, settings.pcapFile(),
                    priority, loopback, settings.interfaceName() == null ? routes : null);
            if (v6 != null) {
                host.useIpv6(v6.address(), own6 != null);
            }
            Network network = new Network(link, clock, SystemSleeper.INSTANCE, Waiter.onLink(link, clock), stack, tcp,
                    interrupts, host);
            try {
                if (own != null) {
                    // Through the recorder, so the address probe's ARP frames are in the trace too.
                    OwnAddressProbe.run(network.loop(), name);
                }
                if (own6 != null) {
                    OwnAddressProbe.runIpv6(network.loop(), name, own6.address());
                }
            } catch (DownloadException | RuntimeException e) {
                link.close();
                throw e;
            }
            opened = true;
            return network;
        } catch (UnusableInterfaceException e) {
            throw new DownloadException(ExitCode.NETWORK, e.getMessage(), e);
        } catch (HostException e) {
            throw new DownloadException(ExitCode.GENERIC, e.getMessage(), e);
        } catch (LinkException e) {
            throw new DownloadException(e.kind() == LinkException.Kind.INTERFACE ? ExitCode.NETWORK : ExitCode.GENERIC,
                    e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DownloadException(ExitCode.USAGE, e.getMessage(), e);
        } finally {
            if (!opened && sweep != null) {
                sweep.await(); // its nft runs end before the run does
            }
            if (!opened && loopback != null) {
                loopback.close();
            }
        }
    }

    /**
     * With GRO or LRO on, the capture sees segments glued into frames larger than the MTU whose TCP checksum
     * no longer verifies; {@link ReceiveCoalescing} says why accepting those is safe, and it is what lets
     * own-address mode, which may change nothing, work on an interface with GRO on (every NIC's default).
     * When the setting cannot be read we assume it is on: the acceptance rules are narrow either way.
     */
    private static ReceiveCoalescing receiveCoalescing(String name, int mtu) {
        try {
            Offloads offloads = Offloads.read(name);
            log.info("offloads {}", offloads);
            if (!offloads.coalescesReceivedFrames()) {
                return ReceiveCoalescing.OFF;
            }
            log.info("GRO/LRO is on at {}: segments coalesced past the MTU ({}) are accepted without a verifiable"
                    + " TCP checksum (the kernel verified the ones it merged)", name, mtu);
        } catch (HostException e) {
            log.warn("cannot read the offload settings of {} ({}); accepting GRO-coalesced segments in case", name,
                    e.getMessage());
        }
        return ReceiveCoalescing.aboveMtu(mtu);
    }

    /**
     * The stack's view of the interface: lo has no ARP; where every frame comes from a kernel on this machine
     * (lo, veth, a bridge or macvlan of those), partial checksums are what checksum offload leaves, not damage.
     */
    private static LinkKind linkKind(String name) {
        return switch (InterfaceKind.of(name)) {
            case LOOPBACK -> LinkKind.LOOPBACK;
            case LOCAL -> LinkKind.LOCAL_ETHERNET;
            case WIRE -> LinkKind.ETHERNET;
            case L3 -> LinkKind.RAW_IP;
        };
    }

    /**
     * A macvlan delivers only frames for its own MAC (and broadcasts), promiscuous or not: the others go to its
     * lower device. Own-address mode on one therefore takes the macvlan's MAC unless --mac names another; the
     * kernel behind it does not answer ARP for our address, and drops what it receives for it.
     */
    private static OwnAddress ownMacWhereOnlyItArrives(OwnAddress own, String name, InterfaceInfo iface) {
        if (own == null || !InterfaceKind.deliversOnlyItsOwnMac(name)) {
            return own;
        }
        MacAddress mac = new MacAddress(iface.mac());
        log.info("{} is a macvlan: it delivers only frames for its own MAC, so own-address mode uses {}", name, mac);
        return new OwnAddress(own.address(), own.prefixLength(), mac);
    }

    /**
     * lo's two routing settings ({@link LoopbackRouting} says why the kernel drops our frames without them): set for
     * the run with the firewall rule, or, with --no-host-setup, named for the user to set.
     */
    private static LoopbackRouting loopbackRouting(String name, boolean setsUpTheHost) {
        if (setsUpTheHost) {
            LoopbackRouting routing = LoopbackRouting.enable(name);
            if (!routing.describe().isEmpty()) {
                log.info("{}: {} (the kernel drops frames put on {} for 127.0.0.0/8 otherwise)", name,
                        routing.describe(), name);
            }
            return routing;
        }
        String missing = LoopbackRouting.missing(name);
        if (!missing.isEmpty()) {
            log.warn("the kernel drops frames put on {} for 127.0.0.0/8 unless: sysctl -w {}", name, missing);
        }
        return null;
    }

    private static String linkKindName(LinkKind kind) {
        return switch (kind) {
            case LOOPBACK -> "loopback (no ARP)";
            case LOCAL_ETHERNET -> "local Ethernet (partial checksums from local peers accepted)";
            case ETHERNET -> "Ethernet";
            case RAW_IP -> "L3 (raw IPv4, no Ethernet, no ARP)";
        };
    }

    /** The interface, once its link is up or -T has passed: a link brought up a moment ago gets time to come up. */
    private static InterfaceInfo awaitLink(String name, int preferredAddress, HostSettings settings,
                                           Interrupts interrupts)
            throws DownloadException {
        InterfaceInfo iface = LinkWait.untilUp(name, preferredAddress, (long) (settings.timeoutSeconds() * 1e9),
                SystemClock.INSTANCE, SystemSleeper.INSTANCE, () -> interrupts.received() != null);
        ExitCode signal = interrupts.received();
        if (signal != null) {
            throw DownloadException.signalled(signal);
        }
        return iface;
    }

    /**
     * Without -i: the kernel's route to the first URL's server, so a server reached through another interface
     * than the default route's is reached there. A URL that does not parse or resolve gets the default route's
     * interface; its download then fails with the reason.
     */
    private static KernelRoute routeToFirstUrl(String firstUrl, Routes routes) {
        try {
            if (firstUrl == null) {
                return new KernelRoute(routes.defaultInterface(), 0, 0);
            }
            HttpUrl url = HttpUrl.parse(firstUrl);
            Ipv6Address v6 = url.isIpv6Literal() ? Ipv6Address.parse(url.host())
                    : url.isIpv4Literal() ? null : onlyIpv6(url.host());
            if (v6 != null) {
                String through = Ipv6Interface.interfaceFor(v6).orElse(null);
                if (through != null) {
                    return new KernelRoute(through, 0, 0);
                }
            }
            int destination = url.isIpv4Literal() ? Ipv4Address.parseBits(url.host()) : resolvedIpv4(url.host());
            if (destination != 0) {
                return KernelRoute.to(destination, routes);
            }
        } catch (HttpUrl.InvalidUrlException | UnknownHostException e) {
            log.debug("choosing the interface by the default route: {}", e.getMessage());
        }
        return new KernelRoute(routes.defaultInterface(), 0, 0);
    }

    /** The first URL's server when it is an IPv6 literal (the interface's address nearest it is used), else null. */
    private static Ipv6Address firstUrlIpv6(String firstUrl) {
        try {
            HttpUrl url = firstUrl == null ? null : HttpUrl.parse(firstUrl);
            return url != null && url.isIpv6Literal() ? Ipv6Address.parse(url.host()) : null;
        } catch (HttpUrl.InvalidUrlException e) {
            return null;
        }
    }

    /** A name's first IPv6 address when it has no IPv4 one, else null. */
    private static Ipv6Address onlyIpv6(String host) throws UnknownHostException {
        Ipv6Address first = null;
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (address instanceof Inet4Address) {
                return null;
            }
            if (first == null) {
                first = Ipv6Address.read(address.getAddress(), 0);
            }
        }
        return first;
    }

    private static int resolvedIpv4(String host) throws UnknownHostException {
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (address instanceof Inet4Address) {
                return Ipv4Address.readBits(address.getAddress(), 0);
            }
        }
        return 0;
    }

    /** The java executable, resolved, as setcap needs it. */
    private static Path javaBinary() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            return java.toRealPath();
        } catch (IOException e) {
            return java;
        }
    }

    private static int defaultGateway(Routes routes, String interfaceName) {
        try {
            return routes.gatewayFor(0, interfaceName);
        } catch (HostException e) {
            return 0;
        }
    }

    private static PcapWriter openPcap(String file, LinkLayer layer) throws DownloadException {
        if (file == null) {
            return null;
        }
        try {
            return PcapWriter.create(Path.of(file), layer);
        } catch (IOException | RuntimeException e) {
            // NIO's exceptions carry only the path; say what was wrong with it.
            String why = e instanceof NoSuchFileException ? "no such directory"
                    : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
            throw new DownloadException(ExitCode.FILE_IO, "cannot open pcap file " + file + ": " + why, e);
        }
    }

    private static void closeQuietly(PcapWriter pcap) {
        if (pcap != null) {
            try {
                pcap.close();
            } catch (IOException ignored) {
                // The link failed to open: that is the error the user hears about.
            }
        }
    }
}
