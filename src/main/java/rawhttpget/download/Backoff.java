package rawhttpget.download;

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
}
