package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.failure.ExitCodes;
import rawhttpget.http.HttpUrl;
import rawhttpget.progress.InOrderOutput;
import rawhttpget.runtime.EventLoop;
import rawhttpget.runtime.Network;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * -j N (aria2c's --max-concurrent-downloads): up to N URLs at once over the one stack and loop
 * ({@link EventLoop#runSideBySide}); each URL's lines are shown in the order the URLs were given
 * ({@link InOrderOutput}), and the run's exit status is wget's: the lowest failing code but 1, as for URLs one
 * after another.
 */
final class UrlsSideBySide {
    /** One URL's whole download, as Downloader does it. */
    interface UrlDownload {
        void download(HttpUrl url) throws DownloadException;
    }

    private UrlsSideBySide() {
    }

    /** Returns the worst failure (starting from {@code worst}), or null; a signal ends the run at once. */
    static DownloadException downloadAll(Network host, List<HttpUrl> urls, DownloadException worst, int atOnce,
                                         InOrderOutput output, PrintWriter err, UrlDownload download)
            throws DownloadException {
        List<EventLoop.Job> jobs = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            int index = i;
            HttpUrl url = urls.get(i);
            jobs.add(() -> {
                output.bind(index);
                try {
                    download.download(url);
                } catch (DownloadException e) {
                    if (!e.isReported() && !isSignal(e)) { // as wget, which goes on with the next URL
                        err.println("rawhttpget: " + url + ": " + e.getMessage());
                    }
                    throw e;
                } finally {
                    err.flush();
                    output.finish(index);
                }
            });
        }
        List<Throwable> outcomes;
        try {
            outcomes = host.loop().runSideBySide(jobs, atOnce, output::showReady, output::stepOf);
        } finally {
            output.showReady();
        }
        for (Throwable outcome : outcomes) {
            if (outcome == null) {
                continue;
            }
            if (outcome instanceof DownloadException e) {
                if (isSignal(e)) {
                    throw e;
                }
                worst = ExitCodes.moreSevere(worst, e);
            } else if (outcome instanceof RuntimeException e) {
                throw e;
            } else if (outcome instanceof Error e) {
                throw e;
            } else {
                throw new IllegalStateException(outcome);
            }
        }
        return worst;
    }

    private static boolean isSignal(DownloadException e) {
        return e.exitCode() == ExitCode.INTERRUPTED_SIGINT || e.exitCode() == ExitCode.INTERRUPTED_SIGTERM;
    }
}
