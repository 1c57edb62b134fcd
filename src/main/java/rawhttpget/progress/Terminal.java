package rawhttpget.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal, which decides between the progress bar and dots. Java only tells
 * about the console as a whole (stdin and stdout), and {@code -O - | sha256sum} makes stdout a pipe while
 * stderr is still the terminal; Linux names the file behind fd 2 in /proc.
 */
public final class Terminal {
    private Terminal() {
    }

    public static boolean isStderrTerminal() {
        try {
            return isTerminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    static boolean isTerminalDevice(String path) {
        return path.startsWith("/dev/pts/") || path.startsWith("/dev/tty") || path.equals("/dev/console");
    }
}
