package rawhttpget.link;

/** Receives one Ethernet frame. The bytes belong to the link and may be reused once this returns. */
@FunctionalInterface
public interface FrameHandler {
    void onFrame(byte[] frame, int offset, int length);
}
