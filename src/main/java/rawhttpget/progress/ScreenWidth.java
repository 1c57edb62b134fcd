package rawhttpget.progress;

import java.util.function.IntSupplier;

/**
 * The terminal's width for the bar, as wget finds it: the terminal's own size (TIOCGWINSZ on stderr, read by
 * the caller, which may touch the host), else the COLUMNS variable, else 80. Read at every redraw, so the bar
 * follows a resized window.
 */
public final class ScreenWidth implements IntSupplier {
    static final int DEFAULT_COLUMNS = 80;

    private final IntSupplier terminalColumns;
    private final String columnsVariable;

    /** {@code terminalColumns}: the width the terminal reports, or 0 or less when it reports none. */
    public ScreenWidth(IntSupplier terminalColumns, String columnsVariable) {
        this.terminalColumns = terminalColumns;
        this.columnsVariable = columnsVariable;
    }

    @Override
    public int getAsInt() {
        int columns = terminalColumns.getAsInt();
        if (columns > 0) {
            return columns;
        }
        if (columnsVariable != null) {
            try {
                int fromVariable = Integer.parseInt(columnsVariable.trim());
                if (fromVariable > 0) {
                    return fromVariable;
                }
            } catch (NumberFormatException ignored) {
                // Not a number: the default, as wget.
            }
        }
        return DEFAULT_COLUMNS;
    }
}
