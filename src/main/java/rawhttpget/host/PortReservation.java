package rawhttpget.host;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import rawhttpget.inet.Ipv6Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;

/**
 * Host-address mode: keeps the local TCP port of our userspace connection away from the kernel's other
 * users. A kernel TCP socket bound to {@code address:0} (never listening, never connecting) takes an
 * ephemeral port that neither a later bind() nor the port choice of a connect() will hand out while we
 * hold it. The socket itself receives nothing: the kernel answers segments to an unconnected, non-listening
 * port with RSTs, which {@link RstSuppressor} drops.
 */
public final class PortReservation implements AutoCloseable {
    private final Socket socket;

    private PortReservation(Socket socket) {
        this.socket = socket;
    }

    /** Reserves a free port on the local address (network order int, e.g. 198.18.0.1 = 0xC6120001). */
    public static PortReservation reserve(int localAddress) {
        return reserve(localAddress, 0);
    }

    /** Reserves {@code port} on the local address, or any free port when it is 0; throws when it is taken. */
    public static PortReservation reserve(int localAddress, int port) {
        byte[] bytes = {(byte) (localAddress >>> 24), (byte) (localAddress >>> 16), (byte) (localAddress >>> 8),
            (byte) localAddress};
        try {
            return reserve((Inet4Address) InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    public static PortReservation reserve(Inet4Address localAddress) {
        return reserve(localAddress, 0);
    }

    /** Reserves {@code port} (any free one when 0) on our IPv6 address. */
    public static PortReservation reserve(Ipv6Address localAddress, int port) {
        try {
            return reserve(InetAddress.getByAddress(localAddress.toBytes()), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("sixteen bytes are always an address", e);
        }
    }

    public static PortReservation reserve(InetAddress localAddress, int port) {
        Socket socket = new Socket();
        try {
            // Without SO_REUSEADDR on our side, nobody can bind the port, whatever options they set.
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(localAddress, port));
            return new PortReservation(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new HostException((port == 0 ? "cannot reserve a local TCP port on " + localAddress.getHostAddress()
                    : "cannot use local port " + port + " on " + localAddress.getHostAddress()) + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Gives the port back to the kernel. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing an unconnected socket has nothing to flush or report.
        }
    }
}
