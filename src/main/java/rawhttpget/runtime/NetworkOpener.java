package rawhttpget.runtime;

import rawhttpget.failure.DownloadException;

/**
 * How a run gets its {@link Network}: {@code HostContext::open} for the real interface and clock, a test's
 * in-memory link and virtual clock otherwise.
 */
@FunctionalInterface
public interface NetworkOpener {
    Network open(HostSettings settings, Interrupts interrupts) throws DownloadException;
}
