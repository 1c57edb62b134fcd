package rawhttpget.host;

import rawhttpget.inet.Ipv4Address;
import java.io.IOException;

/**
 * A separate JVM for {@link HostE2eTest}: installs an RST rule inside a namespace, says "installed", and
 * holds it until its stdin closes or a signal arrives. Args: namespace localIp localPort peerIp peerPort device.
 */
public final class RstSuppressorChild {
    private RstSuppressorChild() {
    }

    public static void main(String[] args) throws IOException {
        Firewall firewall = Firewall.detect(ProcessCommandRunner.inNamespace(args[0]));
        RstRule rule = RstRule.forThisProcess(args[5], Ipv4Address.parseBits(args[1]), Integer.parseInt(args[2]),
                Ipv4Address.parseBits(args[3]), Integer.parseInt(args[4]));
        try (RstSuppressor suppressor = RstSuppressor.install(firewall, rule)) {
            System.out.println("installed");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Hold the rule until the test closes our stdin or signals us.
            }
        }
        System.out.println("removed");
    }
}
