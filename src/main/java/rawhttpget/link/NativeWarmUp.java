package rawhttpget.link;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Loads JNA's native code and binds libc before logging exists. JNA logs through java.util.logging, not SLF4J,
 * so this may run on a side thread while the main thread starts SLF4J (a second thread that touched SLF4J during
 * its start-up would be handed a stand-in factory). Loading JNA is the longest part of opening the capture and of
 * reading the interface's driver; done beside logback's start, neither waits for it later.
 */
public final class NativeWarmUp {
    private NativeWarmUp() {
    }

    /** Never throws: a library that cannot load is met again, and reported, where the run needs it. */
    public static void loadJna() {
        try {
            // The search path first: JNA reads it once, when NativeLibrary initialises.
            PcapLibrary.configure();
            NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
        } catch (RuntimeException | LinkageError e) {
            // Reported where it matters (PcapLink.open, --version).
        }
    }
}
