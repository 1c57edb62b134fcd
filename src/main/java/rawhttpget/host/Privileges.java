package rawhttpget.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The capabilities this process holds, read from the kernel's {@code CapEff} line of
 * {@code /proc/self/status}. Checked before anything touches the host, so a run without them fails with
 * one line saying what is missing rather than half way through, after libpcap or iptables refused.
 * Capabilities, not the user id: root under {@code capsh --drop} lacks them, an ordinary user running a
 * {@code setcap}'d java has them.
 */
public final class Privileges {
    /** linux/capability.h. */
    static final int CAP_NET_ADMIN = 12;
    static final int CAP_NET_RAW = 13;

    private static final Path PROC_SELF_STATUS = Path.of("/proc/self/status");

    private final long effective;

    Privileges(long effective) {
        this.effective = effective;
    }

    public static Privileges ofThisProcess() {
        try {
            return parse(Files.readString(PROC_SELF_STATUS));
        } catch (IOException e) {
            throw new HostException("cannot read this process's capabilities from " + PROC_SELF_STATUS + ": "
                    + e.getMessage(), e);
        }
    }

    static Privileges parse(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("CapEff:")) {
                return new Privileges(Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16));
            }
        }
        throw new HostException("no CapEff line in " + PROC_SELF_STATUS);
    }

    public boolean has(int capability) {
        return (effective & (1L << capability)) != 0;
    }

    /**
     * Throws unless the process may capture and send raw frames (CAP_NET_RAW) and, when it is to add a
     * firewall rule, change the firewall (CAP_NET_ADMIN).
     *
     * @param javaBinary the java executable, for the setcap line
     */
    public void require(boolean changesFirewall, Path javaBinary) {
        List<String> missing = new ArrayList<>();
        if (!has(CAP_NET_RAW)) {
            missing.add("CAP_NET_RAW");
        }
        if (changesFirewall && !has(CAP_NET_ADMIN)) {
            missing.add("CAP_NET_ADMIN");
        }
        if (missing.isEmpty()) {
            return;
        }
        String needed = changesFirewall ? "CAP_NET_RAW and CAP_NET_ADMIN" : "CAP_NET_RAW";
        String grant = changesFirewall ? "cap_net_raw,cap_net_admin=eip" : "cap_net_raw=eip";
        throw new HostException("needs root or the capabilities " + needed + " (missing " + String.join(", ", missing)
                + "): run it with sudo, or grant them once with: sudo setcap " + grant + " " + javaBinary);
    }
}
