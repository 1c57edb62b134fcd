package rawhttpget.download;

import rawhttpget.failure.DownloadException;

/** Whether a failed try earns another: wget's --tries, and which failures count (--retry-connrefused). */
final class AnotherTry {
    private AnotherTry() {
    }

    /**
     * @param failedTries the tries failed so far, this one included
     * @param plan        where this try's body went
     * @param written     the body bytes it wrote there
     */
    static boolean allowed(DownloadException e, int failedTries, DownloadSettings options, OutputPlan plan,
                           long written) {
        boolean retryable = e.isRetryable() || options.retrieval().retryConnRefused() && e.isConnectionRefused();
        if (!retryable || options.tries() != 0 && failedTries >= options.tries()) {
            return false;
        }
        // Bytes already written to stdout or a pipe cannot be taken back, and a second try would repeat them.
        return plan.kind() == OutputPlan.Kind.FILE || written == 0;
    }
}
