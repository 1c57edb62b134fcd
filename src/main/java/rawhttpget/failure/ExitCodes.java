package rawhttpget.failure;

/**
 * Which failure names the exit status when several URLs fail, by wget's rule: apart from 0 and 1, a lower code
 * takes precedence over a higher one; the generic 1 yields to any specific code.
 */
public final class ExitCodes {
    private ExitCodes() {
    }

    public static DownloadException moreSevere(DownloadException current, DownloadException candidate) {
        if (current == null) {
            return candidate;
        }
        return rank(candidate.exitCode()) < rank(current.exitCode()) ? candidate : current;
    }

    private static int rank(ExitCode code) {
        return code == ExitCode.GENERIC ? Integer.MAX_VALUE : code.code();
    }
}
