package rawhttpget.host;

import java.util.List;

/** A rule we added, and the command that removes exactly it. */
public record InstalledRule(RstRule rule, List<String> undoCommand) {
    public InstalledRule {
        undoCommand = List.copyOf(undoCommand);
    }
}
