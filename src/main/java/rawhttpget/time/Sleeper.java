package rawhttpget.time;

/** Waits a while in real time; tests pass one that advances a {@link ManualClock} instead. */
public interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
}
