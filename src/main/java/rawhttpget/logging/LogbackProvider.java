package rawhttpget.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.util.StatusListenerConfigHelper;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.Properties;

/**
 * SLF4J's provider for a run: logback's LoggerContext, configured at once by {@link LogbackStartup} (the file
 * of {@code -Dlogback.configurationFile}, else {@link DefaultLogConfig}). Logback's own provider reaches the
 * same configuration through its ContextInitializer, which first scans for configurators with a ServiceLoader,
 * checks its class loader's permissions and formats status messages nobody reads, all on the main thread before
 * the first byte is fetched (docs/PERFORMANCE.md). Main names this class in SLF4J's {@code slf4j.provider}
 * property, so SLF4J loads it without scanning. It is deliberately not listed in META-INF/services: elsewhere
 * (the tests) logback's provider stays the only one found, and SLF4J does not warn about two.
 */
public final class LogbackProvider implements SLF4JServiceProvider {
    static final String PROVIDER_PROPERTY = "slf4j.provider";
    /** SLF4J reports an explicitly named provider at its INFO level, on standard error, unless told otherwise. */
    static final String VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

    private LoggerContext context;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    /** Makes SLF4J use this provider, unless the user named one or SLF4J's verbosity. Before any logger exists. */
    public static void select(Properties system) {
        if (system.getProperty(PROVIDER_PROPERTY) == null) {
            system.setProperty(PROVIDER_PROPERTY, LogbackProvider.class.getName());
            if (system.getProperty(VERBOSITY_PROPERTY) == null) {
                system.setProperty(VERBOSITY_PROPERTY, "WARN");
            }
        }
    }

    @Override
    public void initialize() {
        LoggerContext created = new LoggerContext();
        created.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        // Logback's -Dlogback.statusListenerClass, which its initializer honours too.
        StatusListenerConfigHelper.installIfAsked(created);
        LogbackStartup startup = new LogbackStartup();
        startup.setContext(created);
        startup.configure(created);
        created.start();
        markers = new BasicMarkerFactory();
        LogbackMDCAdapter adapter = new LogbackMDCAdapter();
        created.setMDCAdapter(adapter);
        mdc = adapter;
        context = created;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
