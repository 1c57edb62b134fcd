package rawhttpget.stack;

/** Where the start-up probe for the stack's own address stands (own-address mode, RFC 5227). */
public enum OwnAddressState {
    /** Never probed: host-address mode, where the address is the kernel's. */
    UNCHECKED,
    PROBING,
    /** Nobody answered: the address is ours to use. */
    CLEAR,
    /** Another host uses or probes for the address; the stack stays silent. */
    CONFLICT
}
