package rawhttpget.download;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.exchange.ConnectionPool;
import rawhttpget.exchange.HttpTransfer;
import rawhttpget.exchange.Transport;
import rawhttpget.failure.DownloadException;
import rawhttpget.http.HttpRequest;
import rawhttpget.http.HttpUrl;
import rawhttpget.http.RequestMethod;
import rawhttpget.inet.IpAddress;
import rawhttpget.progress.StatusLines;
import rawhttpget.runtime.LocalPort;
import rawhttpget.runtime.Network;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where each exchange of the run gets its connection: the one an earlier exchange to the same scheme and first hop
 * left open ({@link ConnectionPool}), else a new one: the first hop's addresses ({@link HostAddresses}) tried in
 * turn, an IPv6 one raced by the IPv4 one after it, each with a local port from the host. A reused connection that
 * the server closes or resets before answering carries nothing; the request then goes once more over a new
 * connection, which is not another try (the server only ended an idle connection). A segmented download starts
 * its connections here too ({@link #start}, {@link #again}, {@link #settle}) and drives them itself.
 */
final class Connections {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");

    private final Network host;
    private final StatusLines status;
    /** --local-port's port, or 0 for any. */
    private final int wantedLocalPort;
    private final ConnectionPool pool;
    /** --limit-rate in bytes a second, or 0 for none. */
    private final long readRateLimit;
    /** -4, -6 or either: the addresses a name's records give that are tried. */
    private final AddressFamily addressFamily;
    /** The address each server name of a segmented download resolved to, so its later connections ask no resolver. */
    private final Map<String, IpAddress> resolvedForSegments = new HashMap<>();

    Connections(Network host, StatusLines status, int wantedLocalPort, long readRateLimit,
                AddressFamily addressFamily) {
        this.readRateLimit = readRateLimit;
        this.addressFamily = addressFamily;
        this.host = host;
        this.status = status;
        this.wantedLocalPort = wantedLocalPort;
        this.pool = new ConnectionPool(host.loop());
    }

    /**
     * Sends {@code request} to {@code url} and reads the response through {@code onHead}; {@code started} learns of
     * each transfer as it begins (a retry after a reused connection failed is a second one).
     */
    void exchange(HttpUrl url, ProxySettings.Route route, Transport.Factory layer, HttpRequest request,
                  RequestMethod method, HttpTransfer.HeadHandler onHead, Consumer<HttpTransfer> started)
            throws DownloadException {
        HttpUrl hop = route.firstHop(url);
        ConnectionPool.Key key = new ConnectionPool.Key(url.scheme(), hop.host(), hop.port(), tunnelTo(url, route));
        ConnectionPool.Reusable open = pool.take(key);
        if (open != null) {
            status.reusing(hop.host(), hop.port());
            HttpTransfer.Target target = target(hop, open.server(), open.localPort().port(), request,
                    method);
            HttpTransfer transfer = new HttpTransfer(host.stack(), host.tcpConfig(), target, open.connection(),
                    open.transport(), onHead);
            try {
                run(route.label(url), key, transfer, List.of(new Opened(open.server(), open.localPort())), started);
                return;
            } catch (DownloadException e) {
                if (!transfer.failedUnheardOnReuse()) {
                    throw e;
                }
                log.info("the server closed the connection it had kept before answering ({}); trying a new"
                        + " connection", e.getMessage());
            }
        }
        pool.closeAllBut(key);
        List<IpAddress> servers = HostAddresses.routable(HostAddresses.of(hop, addressFamily, status),
                host::hasRouteTo);
        HttpTransfer[] tried = new HttpTransfer[1];
        Consumer<HttpTransfer> track = t -> {
            tried[0] = t;
            started.accept(t);
        };
        for (int i = 0; ; ) {
            IpAddress racer = HostAddresses.racer(servers, i);
            tried[0] = null;
            try {
                connect(url, route, hop, servers.get(i), racer, layer, request, method, onHead, key, track);
                return;
            } catch (DownloadException e) {
                // The next address only while nothing was exchanged: an established connection failed later on.
                i += racer == null ? 1 : 2;
                if (i >= servers.size() || tried[0] == null || tried[0].phases().wasEstablished()) {
                    throw e;
                }
                status.failedBeforeResponse(false, e.getMessage()); // "... failed: REASON.", then the next
            }
        }
    }

    /**
     * One try over a new connection to {@code server}, raced by one to {@code racer} (the other family's next
     * address, RFC 8305) if that is not null; the transfer is given to {@code started} before anything can fail.
     */
    private void connect(HttpUrl url, ProxySettings.Route route, HttpUrl hop, IpAddress server, IpAddress racer,
                         Transport.Factory layer, HttpRequest request, RequestMethod method,
                         HttpTransfer.HeadHandler onHead, ConnectionPool.Key key, Consumer<HttpTransfer> started)
            throws DownloadException {
        status.connecting(hop.isIpLiteral() ? null : hop.host(), hop.isIpv6Literal() ? "[" + server + "]"
                : server.toString(), hop.port(), !route.isDirect());
        LocalPort localPort = host.openLocalPort(wantedLocalPort, server, hop.port());
        LocalPort racerPort = null;
        HttpTransfer transfer;
        try {
            racerPort = racer == null ? null : host.openLocalPort(wantedLocalPort, racer, hop.port());
            transfer = new HttpTransfer(host.stack(), host.tcpConfig(),
                    target(hop, server, localPort.port(), request, method), layer, onHead);
            if (racer != null) {
                transfer.raceWith(racer, racerPort.port(), () -> status.connecting(hop.host(), racer.toString(),
                        hop.port(), !route.isDirect())); // the status line names the address connected to
            }
        } catch (DownloadException | RuntimeException e) {
            localPort.close();
            if (racerPort != null) {
                racerPort.close();
            }
            throw e;
        }
        List<Opened> opened = racerPort == null ? List.of(new Opened(server, localPort))
                : List.of(new Opened(server, localPort), new Opened(racer, racerPort));
        run(route.label(url), key, transfer, opened, started);
    }

    /** A transfer on its own connection, not yet run: its caller drives it with others, then {@link #settle settles} it. */
    record Started(HttpTransfer transfer, LocalPort localPort, ConnectionPool.Key key, IpAddress server) {
    }

    /**
     * A transfer of {@code request} over a new connection, which the caller runs with others in one loop; the name is
     * resolved and announced once for all the connections to the same server ({@code announce} false: no status
     * line).
     */
    Started start(HttpUrl url, ProxySettings.Route route, Transport.Factory layer, HttpRequest request,
                  RequestMethod method, HttpTransfer.HeadHandler onHead, boolean announce) throws DownloadException {
        HttpUrl hop = route.firstHop(url);
        ConnectionPool.Key key = new ConnectionPool.Key(url.scheme(), hop.host(), hop.port(), tunnelTo(url, route));
        IpAddress known = resolvedForSegments.get(hop.host());
        IpAddress server = known != null ? known
                : HostAddresses.routable(HostAddresses.of(hop, addressFamily, status), host::hasRouteTo).get(0);
        resolvedForSegments.put(hop.host(), server);
        if (announce) {
            status.connecting(hop.isIpLiteral() ? null : hop.host(), hop.isIpv6Literal() ? "[" + server + "]"
                    : server.toString(), hop.port(), !route.isDirect());
        }
        LocalPort localPort = host.openLocalPort(wantedLocalPort, server, hop.port());
        HttpTransfer transfer;
        try {
            transfer = new HttpTransfer(host.stack(), host.tcpConfig(),
                    target(hop, server, localPort.port(), request, method), layer, onHead);
        } catch (DownloadException | RuntimeException e) {
            localPort.close();
            throw e;
        }
        begin(route.label(url), transfer);
        return new Started(transfer, localPort, key, server);
    }

    /** The next request over the connection {@code done} kept open. */
    Started again(Started done, HttpUrl url, ProxySettings.Route route, HttpRequest request, RequestMethod method,
                  HttpTransfer.HeadHandler onHead) {
        HttpUrl hop = route.firstHop(url);
        HttpTransfer transfer = new HttpTransfer(host.stack(), host.tcpConfig(),
                target(hop, done.server(), done.localPort().port(), request, method),
                done.transfer().connection(), done.transfer().transport(), onHead);
        begin(route.label(url), transfer);
        return new Started(transfer, done.localPort(), done.key(), done.server());
    }

    private void begin(String label, HttpTransfer transfer) {
        transfer.limitReadRate(readRateLimit);
        host.runStats().add(label, transfer);
    }

    /**
     * A started transfer is over: a connection it left open goes to the pool (for the run's next URL; the one kept
     * before is closed), any other is released.
     */
    void settle(Started started) throws DownloadException {
        if (started.transfer().keptOpen()) {
            pool.keep(started.key(), started.transfer(), started.localPort());
        } else {
            started.localPort().close();
        }
    }

    /**
     * An https URL through a proxy rides a CONNECT tunnel to its own server, which another server's requests
     * cannot share; plain requests to a proxy can share its connection whatever their server.
     */
    private static String tunnelTo(HttpUrl url, ProxySettings.Route route) {
        return route.isDirect() || !url.scheme().equals("https") ? "" : url.hostHeader();
    }

    private HttpTransfer.Target target(HttpUrl url, IpAddress server, int localPort, HttpRequest request,
                                       RequestMethod method) {
        String description = url.host() + " (" + HostAddresses.withPort(server, url.port()) + ")";
        log.info("{} -> {}", request, description);
        log.debug("request head:\n{}", request.headForLog().stripTrailing());
        return new HttpTransfer.Target(server, url.port(), localPort, request.toBytes(), description, method,
                request.keepsConnection());
    }

    /** A connection's local port, opened to {@code server}: a race opens two. */
    private record Opened(IpAddress server, LocalPort port) {
    }

    /**
     * Runs the transfer; its connection then goes back to the pool if the response left it open, with the port it
     * went out from. Every other port (a race's loser's) is done with.
     */
    private void run(String label, ConnectionPool.Key key, HttpTransfer transfer, List<Opened> opened,
                     Consumer<HttpTransfer> started) throws DownloadException {
        begin(label, transfer);
        started.accept(transfer);
        LocalPort kept = null;
        try {
            host.loop().run(transfer);
            if (transfer.keptOpen()) {
                IpAddress server = transfer.connectedTo();
                kept = opened.stream().filter(o -> o.server().equals(server)).findFirst().orElseThrow().port();
                pool.keep(key, transfer, kept);
            }
        } finally {
            for (Opened o : opened) {
                if (o.port() != kept) {
                    o.port().close();
                }
            }
        }
    }

    /** The end of the run: closes the connections still open, with a FIN each (after close_notify for TLS). */
    void closeAll() throws DownloadException {
        pool.closeAll();
    }

    /** The run ends with a failure: resets the connections still open, with no wait. */
    void abandon() {
        pool.abandon();
    }
}
