package rawhttpget.progress;

/**
 * Reports how far a body has come. Time is always an argument (nanoseconds on any monotonic scale), so the
 * renderings are exact functions of the calls made and unit tests draw them in virtual time.
 */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void start(String name, long alreadyHave, long total, long now) {
        }

        @Override
        public void update(long received, long now) {
        }

        @Override
        public void finish(long now, boolean complete) {
        }
    };

    /**
     * @param alreadyHave bytes the file held before this run (a resumed download), counted in the size shown
     * @param total       the size the whole file will have, or -1 when the server did not say
     */
    void start(String name, long alreadyHave, long total, long now);

    /** {@code received}: body bytes of this run so far. */
    void update(long received, long now);

    /** The body ended: whole ({@code complete}) or not. Ends the progress output with a newline. */
    void finish(long now, boolean complete);
}
