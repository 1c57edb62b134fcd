package rawhttpget.download;

/**
 * What is asked of each body beyond saving it.
 *
 * @param limitRate bytes a second the body is read at, through the receive window (--limit-rate); 0 for no limit
 * @param checksum  the hash the saved body must have (--checksum), or null
 */
public record BodySettings(long limitRate, ExpectedChecksum checksum) {
    public static BodySettings none() {
        return new BodySettings(0, null);
    }
}
