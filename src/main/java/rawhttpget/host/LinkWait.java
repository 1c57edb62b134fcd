package rawhttpget.host;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.time.Clock;
import rawhttpget.time.Sleeper;

/**
 * Gives an interface that is down or has no carrier the connect timeout to come up, as a connection's SYN would
 * get it: a script that runs {@code ip link set DEV up} and then the download, or a cable plugged in a moment
 * late, should not fail at once. Polls sysfs; whoever calls decides what to say if it is still not usable.
 */
public final class LinkWait {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.host");
    static final long POLL_NANOS = 100_000_000L;

    private LinkWait() {
    }

    /**
     * Reads the interface ({@link InterfaceInfo#read(String, int)}) until its link is usable, {@code timeoutNanos} have passed or {@code stop} says so;
     * returns the last reading (which the caller checks with {@link InterfaceInfo#requireUsable}).
     */
    public static InterfaceInfo untilUp(String name, int preferredAddress, long timeoutNanos, Clock clock,
                                        Sleeper sleeper, BooleanSupplier stop) {
        return untilUp(() -> InterfaceInfo.read(name, preferredAddress), timeoutNanos, clock, sleeper, stop);
    }

    static InterfaceInfo untilUp(Supplier<InterfaceInfo> read, long timeoutNanos, Clock clock, Sleeper sleeper,
                                 BooleanSupplier stop) {
        InterfaceInfo info = read.get();
        if (info.isUp()) {
            return info;
        }
        long start = clock.nanos();
        log.info("waiting up to {} s for {} to come up ({})", seconds(timeoutNanos), info.name(), info.linkState());
        while (!info.isUp() && !stop.getAsBoolean()) {
            long left = timeoutNanos - (clock.nanos() - start);
            if (left <= 0) {
                break;
            }
            try {
                sleeper.sleep(Math.min(left, POLL_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            info = read.get();
        }
        if (info.isUp()) {
            log.info("{} came up after {} ms", info.name(), (clock.nanos() - start) / 1_000_000);
        }
        return info;
    }

    /** 60 s as "60", 2.5 s as "2.5". */
    static String seconds(long nanos) {
        return java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }
}
