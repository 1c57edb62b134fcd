package rawhttpget.cli;

import rawhttpget.link.PcapLink;

/** The libpcap version for --version, or why none was found. */
final class LibpcapVersion {
    private LibpcapVersion() {
    }

    static String describe() {
        try {
            return PcapLink.libraryVersion();
        } catch (RuntimeException | LinkageError e) {
            return "not found (" + e.getMessage() + ")";
        }
    }
}
