package rawhttpget.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and removes our RST-dropping rules with iptables when the host has it, else with nft. Every change
 * and its undoing is logged at INFO on {@code rawhttpget.host}, with the exact command.
 */
public final class Firewall {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.host");

    private final FirewallCommands commands;
    private final CommandRunner runner;

    Firewall(FirewallCommands commands, CommandRunner runner) {
        this.commands = commands;
        this.runner = runner;
    }

    /** The host's own firewall. */
    public static Firewall onHost() {
        return detect(ProcessCommandRunner.onHost());
    }

    /** iptables if installed, else nft; commands run through the given runner (e.g. in a namespace). */
    public static Firewall detect(CommandRunner runner) {
        return new Firewall(installedCommands().orElseThrow(() -> new HostException(
                "neither iptables nor nft is installed: install one (apt-get install iptables)")), runner);
    }

    private static Optional<FirewallCommands> installedCommands() {
        Optional<Path> iptables = Executables.find("iptables");
        if (iptables.isPresent()) {
            String save = Executables.find("iptables-save").map(Path::toString).orElse("iptables-save");
            return Optional.of(new IptablesCommands(iptables.get().toString(), save));
        }
        return Executables.find("nft").map(nft -> new NftCommands(nft.toString()));
    }

    /**
     * The shell command that would add the rule here, with iptables if installed, else nft (iptables when
     * neither is). Runs nothing: {@code --no-host-setup} prints it for the user.
     */
    public static String suggestedCommand(RstRule rule) {
        return suggestedCommand(rule, installedCommands().orElse(new IptablesCommands("iptables", "iptables-save")));
    }

    static String suggestedCommand(RstRule rule, FirewallCommands commands) {
        List<List<String>> steps = new ArrayList<>(commands.prepare(rule));
        steps.add(commands.add(rule));
        StringJoiner line = new StringJoiner(" && ");
        for (List<String> step : steps) {
            List<String> words = new ArrayList<>(step);
            words.set(0, Path.of(words.get(0)).getFileName().toString());
            line.add(ShellWords.join(words));
        }
        return line.toString();
    }

    /** "iptables" or "nft". */
    public String tool() {
        return commands.tool();
    }

    public InstalledRule add(RstRule rule) {
        List<List<String>> prepare = commands.prepare(rule);
        List<String> add = commands.add(rule);
        CommandResult added;
        try {
            for (List<String> command : prepare) {
                runOrFail(command, "cannot prepare the firewall");
            }
            added = runOrFail(add, "cannot add firewall rule");
        } catch (HostException e) {
            if (!prepare.isEmpty()) {
                // nft: a table made for a rule that never came must not stay. Best effort; the error is e.
                runner.run(commands.undo(rule, ""));
            }
            throw e;
        }
        for (List<String> command : prepare) {
            log.info("firewall: {}", String.join(" ", command));
        }
        log.info("firewall: added rule to {}: {}", rule, String.join(" ", add));
        return new InstalledRule(rule, commands.undo(rule, added.stdout()));
    }

    public void remove(InstalledRule installed) {
        runOrFail(installed.undoCommand(), "cannot remove firewall rule " + installed.rule());
        log.info("firewall: removed rule to {}: {}", installed.rule(), String.join(" ", installed.undoCommand()));
    }

    /**
     * Removes rules that processes killed by SIGKILL (or power loss) left behind: those whose
     * {@code rawhttpget pid=N} comment names a process that no longer runs. Returns how many.
     */
    public int removeStaleRules(LongPredicate pidRunning) {
        CommandResult listing = runner.run(commands.list());
        if (!listing.succeeded()) {
            if (commands.listFailureMeansNoRules(listing)) {
                return 0;
            }
            throw new HostException("cannot list firewall rules: " + String.join(" ", commands.list()) + ": "
                    + listing.complaint());
        }
        List<FirewallCommands.StaleRule> stale = commands.staleRules(listing.stdout(), pidRunning);
        for (FirewallCommands.StaleRule rule : stale) {
            runOrFail(rule.deleteCommand(), "cannot remove stale firewall rule of process " + rule.pid());
            log.info("firewall: removed rule left by process {}, which no longer runs: {}", rule.pid(),
                    String.join(" ", rule.deleteCommand()));
        }
        return stale.size();
    }

    private CommandResult runOrFail(List<String> command, String what) {
        CommandResult result = runner.run(command);
        if (!result.succeeded()) {
            throw new HostException(what + ": " + Path.of(command.get(0)).getFileName() + " failed: "
                    + result.complaint());
        }
        return result;
    }

    /** Whether a process with this PID is running: what "stale" means for a rule's owner. */
    public static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
