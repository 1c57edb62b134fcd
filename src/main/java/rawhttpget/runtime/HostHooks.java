package rawhttpget.runtime;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.inet.IpAddress;
import rawhttpget.inet.Ipv4Address;

/**
 * What a {@link Network} asks of the host it runs on: {@link HostContext} on a real interface (port reservations
 * and firewall rules), or a test's stand-in that needs none of that.
 */
public interface HostHooks {
    /**
     * A local port for one connection to {@code server:serverPort}, {@code wanted} or any when 0, with what the
     * host needs so that its kernel leaves the connection alone.
     */
    LocalPort openLocalPort(int wanted, int server, int serverPort) throws DownloadException;

    /** The same for a server of either family; hosts that can set up IPv6 connections override it. */
    default LocalPort openLocalPort(int wanted, IpAddress server, int serverPort) throws DownloadException {
        if (server instanceof Ipv4Address v4) {
            return openLocalPort(wanted, v4.bits(), serverPort);
        }
        throw new DownloadException(ExitCode.NETWORK, "no route to " + server + ": this run has no IPv6 address");
    }

    /** For --stats: the pcap trace's file, or null. */
    String pcapFile();

    /** For --stats: what the stack's threads ran at. */
    String scheduling();

    /** Called once the run has no connection left, before the link is closed: may start undoing what it set up. */
    default void connectionsOver() {
    }

    /** Called once the link is closed: waits for what the host is still undoing. */
    void release();
}
