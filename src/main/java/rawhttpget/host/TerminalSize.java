package rawhttpget.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/** The width of the terminal on standard error, as the kernel knows it (TIOCGWINSZ), for the progress bar. */
public final class TerminalSize {
    private static final int STDERR = 2;
    private static final long TIOCGWINSZ = 0x5413;

    private TerminalSize() {
    }

    /** Columns of the terminal behind fd 2, or -1 when it is no terminal or says nothing. */
    public static int stderrColumns() {
        Memory winsize = new Memory(8);
        try {
            Libc.ioctl(STDERR, TIOCGWINSZ, com.sun.jna.Pointer.nativeValue(winsize));
            // struct winsize: unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel
            return Short.toUnsignedInt(winsize.getShort(2));
        } catch (LastErrorException | LinkageError e) {
            return -1;
        }
    }
}
