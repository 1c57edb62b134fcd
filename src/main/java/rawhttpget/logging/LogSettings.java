package rawhttpget.logging;

import java.util.List;

/**
 * What the command line asks of logging: {@code --log-config}, {@code --log-file}, {@code -q}/{@code -v}/{@code -d}
 * and the {@code --log} values in the order written.
 */
public record LogSettings(String logConfig, String logFile, boolean quiet, boolean verbose, boolean debug,
                          List<LogLevels.Spec> levels) {
}
