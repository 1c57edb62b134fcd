package rawhttpget.download;

import java.util.OptionalLong;

/**
 * How long to wait before the next try, as wget's --waitretry: one second after the first failure, two after
 * the second, and so on up to the limit, so a server that is briefly away is not hammered.
 */
final class Backoff {
    private Backoff() {
    }

    /** Seconds to wait after {@code failures} failed tries (1 after the first), at most {@code maxSeconds}. */
    static long seconds(int failures, long maxSeconds) {
        return Math.max(0, Math.min(failures, maxSeconds));
    }

    /**
     * The same, unless the server said how long to wait (Retry-After): then that, but still at most
     * {@code maxSeconds}, so a server cannot park the run for hours.
     */
    static long seconds(int failures, long maxSeconds, OptionalLong serverAsked) {
        if (serverAsked.isEmpty()) {
            return seconds(failures, maxSeconds);
        }
        return Math.max(0, Math.min(serverAsked.getAsLong(), maxSeconds));
    }
}
