package rawhttpget.host;

/**
 * Whether an interface can carry frames now, from what sysfs says of it. Carrier is what matters: right after
 * {@code ip link set DEV up} the kernel already sends (and curl works) while operstate still reads "down" for a
 * second or two, until the link watcher catches up. Operstate decides only where carrier cannot be read.
 */
public enum LinkReadiness {
    USABLE,
    /** IFF_UP is not set: nobody brought it up (yet). */
    ADMIN_DOWN,
    /** Up, but no carrier (a cable out, a veth whose peer is down), or none yet. */
    NO_LINK;

    /** {@code /sys/class/net/DEV/carrier}: the kernel refuses to say (EINVAL) while the interface is down. */
    public enum Carrier { ON, OFF, UNKNOWN }

    public static LinkReadiness of(boolean adminUp, Carrier carrier, String operState) {
        if (!adminUp) {
            return ADMIN_DOWN;
        }
        return switch (carrier) {
            case ON -> USABLE;
            case OFF -> NO_LINK;
            // "unknown" is what virtual devices without link detection say.
            case UNKNOWN -> operState.equals("up") || operState.equals("unknown") ? USABLE : NO_LINK;
        };
    }
}
