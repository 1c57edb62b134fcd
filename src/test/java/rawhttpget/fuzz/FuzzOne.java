package rawhttpget.fuzz;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs one Jazzer fuzz target in this JVM for a bounded time: {@code FuzzOne CLASS#METHOD SECONDS}, with
 * {@code JAZZER_FUZZ=1} in the environment. {@code make fuzz} calls it once per target, because libFuzzer fuzzes
 * one target per process; going through the JUnit launcher directly saves a Maven start-up per target. Exits 0
 * when the target ran out its time without a finding, 1 on a finding (Jazzer has written it to the target's
 * Inputs directory under src/test/resources, where the next {@code mvn test} replays it).
 */
public final class FuzzOne {
    private FuzzOne() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        if (args.length != 2 || !args[0].contains("#")) {
            System.err.println("usage: FuzzOne CLASS#METHOD SECONDS");
            System.exit(2);
        }
        long seconds = Long.parseLong(args[1]);
        String[] target = args[0].split("#", 2);
        Class<?> testClass = Class.forName(target[0]);
        Method method = Arrays.stream(testClass.getDeclaredMethods())
                .filter(m -> m.getName().equals(target[1]))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + args[0]));
        // Jazzer's max_duration setting overrides the annotation's maxDuration.
        System.setProperty("jazzer.max_duration", seconds + "s");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(testClass, method))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        TestExecutionSummary result = summary.getSummary();
        result.printFailuresTo(new PrintWriter(System.err, true), 30);
        System.err.printf("%s: %d run, %d failed%n", args[0], result.getTestsStartedCount(),
                result.getTotalFailureCount());
        System.exit(result.getTotalFailureCount() == 0 && result.getTestsStartedCount() > 0 ? 0 : 1);
    }
}
