package rawhttpget.time;

/**
 * Monotonic time in nanoseconds. The stack never reads a clock itself: the caller reads one of these
 * and passes the value in, so tests can drive the stack through minutes of protocol time in microseconds.
 */
public interface Clock {
    long nanos();
}
