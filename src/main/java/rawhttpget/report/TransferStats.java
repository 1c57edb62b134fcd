package rawhttpget.report;

import rawhttpget.tcp.TcpConnection;

/** What {@code --stats} reads of one transfer when the run ends: its connection, if it got one, and its phases. */
public interface TransferStats {
    /** The connection, or null if the transfer never opened one. */
    TcpConnection connection();

    PhaseTimes phases();
}
