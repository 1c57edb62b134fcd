package rawhttpget.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
        Optional<Path> iptables = Executables.find("iptables");
        if (iptables.isPresent()) {
            String save = Executables.find("iptables-save").map(Path::toString).orElse("iptables-save");
            return new Firewall(new IptablesCommands(iptables.get().toString(), save), runner);
        }
        Optional<Path> nft = Executables.find("nft");
        if (nft.isPresent()) {
            return new Firewall(new NftCommands(nft.get().toString()), runner);
        }
        throw new HostException("neither iptables nor nft is installed: install one (apt-get install iptables)");
    }

    /** "iptables" or "nft". */
    public String tool() {
        return commands.tool();
    }

    public InstalledRule add(RstRule rule) {
        for (List<String> command : commands.prepare()) {
            runOrFail(command, "cannot prepare the firewall");
        }
        List<String> add = commands.add(rule);
        CommandResult added = runOrFail(add, "cannot add firewall rule");
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
