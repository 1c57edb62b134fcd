package rawhttpget.time;

/**
 * Waiting for a while, as an object: code that must pause (between tries) takes one, so a test drives it in
 * virtual time with {@link ManualSleeper} instead of sleeping.
 */
public interface Sleeper {
    /** Returns after about {@code nanos}; throws InterruptedException, as Thread.sleep does, if interrupted. */
    void sleep(long nanos) throws InterruptedException;
}
