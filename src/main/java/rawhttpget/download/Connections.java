package rawhttpget.download;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.exchange.ConnectionPool;
import rawhttpget.exchange.HttpTransfer;
import rawhttpget.exchange.Transport;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.HttpRequest;
import rawhttpget.http.HttpUrl;
import rawhttpget.http.RequestMethod;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.progress.StatusLines;
import rawhttpget.runtime.LocalPort;
import rawhttpget.runtime.Network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where each exchange of the run gets its connection: the one an earlier exchange to the same scheme, host and
 * port left open ({@link ConnectionPool}), else a new one (the name resolved, a local port from the host). A
 * reused connection that the server closes or resets before answering carries nothing; the request then goes
 * once more over a new connection, which is not another try (the server only ended an idle connection).
 */
final class Connections {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");

    private final Network host;
    private final StatusLines status;
    /** --bind's port, or 0 for any. */
    private final int wantedLocalPort;
    private final ConnectionPool pool;
    /** --limit-rate in bytes a second, or 0 for none. */
    private final long readRateLimit;
    /** The address each server name of a segmented download resolved to, so its later connections ask no resolver. */
    private final Map<String, Integer> resolvedForSegments = new HashMap<>();

    Connections(Network host, StatusLines status, int wantedLocalPort, long readRateLimit) {
        this.readRateLimit = readRateLimit;
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
                run(route.label(url), key, transfer, open.localPort(), started);
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
        int server = resolve(hop);
        status.connecting(hop.isIpv4Literal() ? null : hop.host(), Ipv4Address.format(server), hop.port(),
                !route.isDirect());
        LocalPort localPort = host.openLocalPort(wantedLocalPort, server, hop.port());
        HttpTransfer transfer;
        try {
            transfer = new HttpTransfer(host.stack(), host.tcpConfig(),
                    target(hop, server, localPort.port(), request, method), layer, onHead);
        } catch (DownloadException | RuntimeException e) {
            localPort.close();
            throw e;
        }
        run(route.label(url), key, transfer, localPort, started);
    }

    /** A transfer on its own connection, not yet run: its caller drives it with others, then {@link #settle settles} it. */
    record Started(HttpTransfer transfer, LocalPort localPort, ConnectionPool.Key key, int server) {
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
        Integer known = resolvedForSegments.get(hop.host());
        int server = known != null ? known : resolve(hop);
        resolvedForSegments.put(hop.host(), server);
        if (announce) {
            status.connecting(hop.isIpv4Literal() ? null : hop.host(), Ipv4Address.format(server), hop.port(),
                    !route.isDirect());
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

    private HttpTransfer.Target target(HttpUrl url, int server, int localPort, HttpRequest request,
                                       RequestMethod method) {
        String description = url.host() + " (" + Ipv4Address.format(server) + ":" + url.port() + ")";
        log.info("{} -> {}", request, description);
        log.debug("request head:\n{}", request.headForLog().stripTrailing());
        return new HttpTransfer.Target(server, url.port(), localPort, request.toBytes(), description, method,
                request.keepsConnection());
    }

    /** Runs the transfer; its connection then goes back to the pool if the response left it open, else is done. */
    private void run(String label, ConnectionPool.Key key, HttpTransfer transfer, LocalPort localPort,
                     Consumer<HttpTransfer> started) throws DownloadException {
        transfer.limitReadRate(readRateLimit);
        started.accept(transfer);
        host.runStats().add(label, transfer);
        boolean kept = false;
        try {
            host.loop().run(transfer);
            if (transfer.keptOpen()) {
                pool.keep(key, transfer, localPort);
                kept = true;
            }
        } finally {
            if (!kept) {
                localPort.close();
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

    private int resolve(HttpUrl url) throws DownloadException {
        String hostName = url.host();
        if (url.isIpv4Literal()) {
            return Ipv4Address.parseBits(hostName); // a literal needs no resolver, and gets none
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(hostName);
        } catch (UnknownHostException e) {
            status.resolveFailed(hostName, e.getMessage());
            throw new DownloadException(ExitCode.NETWORK, "unable to resolve host address '" + hostName + "'");
        }
        StringBuilder all = new StringBuilder();
        for (InetAddress a : addresses) {
            all.append(all.length() == 0 ? "" : ", ").append(a.getHostAddress());
        }
        status.resolved(hostName, all.toString());
        for (InetAddress a : addresses) {
            if (a instanceof Inet4Address) {
                return Ipv4Address.readBits(a.getAddress(), 0);
            }
        }
        throw new DownloadException(ExitCode.NETWORK, "'" + hostName + "' has no IPv4 address");
    }
}
