package rawhttpget.tcp;

/**
 * One timer of a connection, as data: the time it fires, or {@link #NEVER} while stopped. Its owner compares
 * it with the {@code now} passed in and reports its {@link #deadline} so the connection can say when to come
 * back; nothing here reads a clock. It changes only through these methods.
 */
final class Timer {
    static final long NEVER = Long.MAX_VALUE;

    private long deadline = NEVER;

    void arm(long at) {
        deadline = at;
    }

    /** Arms the timer unless it is already running: a running timer keeps its deadline. */
    void armUnlessRunning(long at) {
        if (deadline == NEVER) {
            deadline = at;
        }
    }

    void cancel() {
        deadline = NEVER;
    }

    boolean isRunning() {
        return deadline != NEVER;
    }

    /** True once {@code now} has reached the deadline of a running timer (compared wrap-safe, as nanoTime is). */
    boolean isExpired(long now) {
        return deadline != NEVER && now - deadline >= 0;
    }

    /** When it fires, or {@link #NEVER}. */
    long deadline() {
        return deadline;
    }

    /** The earlier of two times, either possibly {@link #NEVER}, compared wrap-safe as nanoTime values are. */
    static long earliest(long a, long b) {
        if (a == NEVER) {
            return b;
        }
        if (b == NEVER) {
            return a;
        }
        return a - b <= 0 ? a : b;
    }
}
