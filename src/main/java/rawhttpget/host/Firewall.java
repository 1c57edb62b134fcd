package rawhttpget.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and removes our rules, with the first of its choices that works here: an nft ingress drop on the capture
 * interface ({@link NftIngressCommands}) where nft is installed, else (or where the kernel refuses it) iptables'
 * output rule, else nft's output rule. Every change and its undoing is logged at INFO on {@code rawhttpget.host},
 * with the exact command.
 */
public final class Firewall {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.host");

    /** In order of preference; never empty. */
    private final List<FirewallCommands> choices;
    private final CommandRunner runner;
    /** The choice in use: the first that worked, so later connections of the run do not retry one that failed. */
    private int current;
    /**
     * The choice whose rule set for the run is in place (nft: the run's table and its set), so that a later
     * connection is only one more element; null before the first rule and where each connection has its own.
     */
    private FirewallCommands runSetBy;

    Firewall(FirewallCommands commands, CommandRunner runner) {
        this(List.of(commands), runner);
    }

    Firewall(List<FirewallCommands> choices, CommandRunner runner) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("no firewall tool to choose from");
        }
        this.choices = List.copyOf(choices);
        this.runner = runner;
    }

    /** The host's own firewall. */
    public static Firewall onHost() {
        return detect(ProcessCommandRunner.onHost());
    }

    /** The installed tools in order of preference; commands run through the given runner (e.g. in a namespace). */
    public static Firewall detect(CommandRunner runner) {
        List<FirewallCommands> choices = installedCommands();
        if (choices.isEmpty()) {
            throw new HostException("neither iptables nor nft is installed: install one (apt-get install iptables)");
        }
        return new Firewall(choices, runner);
    }

    private static List<FirewallCommands> installedCommands() {
        Optional<Path> nft = Executables.find("nft");
        Optional<Path> iptables = Executables.find("iptables");
        List<FirewallCommands> choices = new ArrayList<>();
        nft.ifPresent(path -> choices.add(new NftIngressCommands(path.toString())));
        if (iptables.isPresent()) {
            String save = Executables.find("iptables-save").map(Path::toString).orElse("iptables-save");
            // An IPv6 connection's rule is ip6tables' (beside iptables): where it is installed, the sweep reads
            // ip6tables-save too.
            Path ip6tables = Path.of(IptablesCommands.ip6tables(iptables.get().toString()));
            String save6 = Files.isExecutable(ip6tables)
                    ? Executables.find("ip6tables-save").map(Path::toString).orElse("ip6tables-save") : null;
            choices.add(new IptablesCommands(iptables.get().toString(), save, save6));
        } else {
            nft.ifPresent(path -> choices.add(new NftCommands(path.toString())));
        }
        return choices;
    }

    /**
     * The shell command that would add the rule here, with the preferred installed tool (iptables when none
     * is). Runs nothing: {@code --no-host-setup} prints it for the user.
     */
    public static String suggestedCommand(RstRule rule) {
        List<FirewallCommands> choices = installedCommands();
        return suggestedCommand(rule, choices.isEmpty() ? new IptablesCommands("iptables", "iptables-save")
                : choices.get(0));
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

    /** "iptables" or "nft": the tool in use, or the one that will be tried first. */
    public String tool() {
        return choices.get(current).tool();
    }

    /** Whether the rule in use (or tried first) drops the server's segments at ingress, not our kernel's RSTs. */
    public boolean dropsAtIngress() {
        return choices.get(current) instanceof NftIngressCommands;
    }

    /**
     * Adds the rule with the choice in use. If that fails and another choice remains (a kernel without nft's
     * netdev family, say), the next is tried, and kept for the rest of the run; the last one's error is thrown.
     */
    public InstalledRule add(RstRule rule) {
        FirewallCommands inUse = choices.get(current);
        List<String> element = runSetBy == inUse ? inUse.addToRunSet(rule) : null;
        if (element != null) {
            runOrFail(element, "cannot add firewall rule");
            log.info("firewall: let the connection {} through the run's rule: {}", rule, String.join(" ", element));
            return new InstalledRule(rule, List.of()); // goes with the table, at the end of the run
        }
        while (true) {
            FirewallCommands commands = choices.get(current);
            try {
                return add(commands, rule);
            } catch (HostException e) {
                if (current + 1 >= choices.size()) {
                    throw e;
                }
                current++;
                log.info("firewall: {} ({}); using {} instead", e.getMessage(), describe(commands),
                        describe(choices.get(current)));
            }
        }
    }

    private static String describe(FirewallCommands commands) {
        return commands instanceof NftIngressCommands ? "nft ingress drop" : commands.tool() + " output rule";
    }

    private InstalledRule add(FirewallCommands commands, RstRule rule) {
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
        log.info("firewall: added rule for {}: {}", rule, String.join(" ", add));
        if (commands.addToRunSet(rule) != null) {
            runSetBy = commands;
        }
        return new InstalledRule(rule, commands.undo(rule, added.stdout()));
    }

    public void remove(InstalledRule installed) {
        startRemoval(installed).await();
    }

    /**
     * Starts the command that removes the rule and returns once it runs; {@link Removal#await} finishes the
     * removal (and throws if it failed).
     */
    public Removal startRemoval(InstalledRule installed) {
        if (installed.undoCommand().isEmpty()) {
            // An element of the run's set: the table's removal takes it.
            return new Removal(installed, new CommandRunner.Finished(new CommandResult(0, "", "")));
        }
        if (installed.undoCommand().equals(runSetUndo(installed.rule()))) {
            runSetBy = null; // the next connection makes the table again
        }
        return new Removal(installed, runner.start(installed.undoCommand()));
    }

    private List<String> runSetUndo(RstRule rule) {
        return runSetBy == null ? null : runSetBy.undo(rule, "");
    }

    /** A rule's removal under way. */
    public static final class Removal {
        private final InstalledRule installed;
        private final CommandRunner.Started command;

        private Removal(InstalledRule installed, CommandRunner.Started command) {
            this.installed = installed;
            this.command = command;
        }

        public void await() {
            List<String> undo = installed.undoCommand();
            CommandResult result = command.await();
            if (undo.isEmpty()) {
                return;
            }
            if (!result.succeeded()) {
                throw new HostException("cannot remove firewall rule " + installed.rule() + ": "
                        + Path.of(undo.get(0)).getFileName() + " failed: " + result.complaint());
            }
            log.info("firewall: removed rule for {}: {}", installed.rule(), String.join(" ", undo));
        }
    }

    /**
     * Removes rules that processes killed by SIGKILL (or power loss) left behind, with every choice (an earlier
     * run may have used another) and each of its listings ({@link FirewallCommands#sweptListings}: iptables' IPv6
     * rules are ip6tables-save's): those whose comment or table names an owner that no longer runs
     * ({@link ProcessTable#runs}). Returns how many. A listing that fails is reported after the others have been
     * cleaned.
     */
    public int removeStaleRules(Predicate<RuleOwner> ownerRuns) {
        Map<List<String>, List<FirewallCommands>> byListing = new LinkedHashMap<>();
        for (FirewallCommands choice : choices) {
            for (FirewallCommands commands : choice.sweptListings()) {
                byListing.computeIfAbsent(commands.list(), l -> new ArrayList<>()).add(commands);
            }
        }
        Set<List<String>> deleted = new HashSet<>(); // both nft choices find both families' tables
        HostException failed = null;
        for (Map.Entry<List<String>, List<FirewallCommands>> entry : byListing.entrySet()) {
            CommandResult listing = runner.run(entry.getKey());
            if (!listing.succeeded()) {
                if (!entry.getValue().get(0).listFailureMeansNoRules(listing) && failed == null) {
                    failed = new HostException("cannot list firewall rules: " + String.join(" ", entry.getKey())
                            + ": " + listing.complaint());
                }
                continue;
            }
            for (FirewallCommands commands : entry.getValue()) {
                for (FirewallCommands.StaleRule rule : commands.staleRules(listing.stdout(), ownerRuns)) {
                    if (!deleted.add(rule.deleteCommand())) {
                        continue;
                    }
                    runOrFail(rule.deleteCommand(), "cannot remove stale firewall rule of process " + rule.pid());
                    log.info("firewall: removed rule left by process {}, which no longer runs: {}", rule.pid(),
                            String.join(" ", rule.deleteCommand()));
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return deleted.size();
    }

    private CommandResult runOrFail(List<String> command, String what) {
        CommandResult result = runner.run(command);
        if (!result.succeeded()) {
            throw new HostException(what + ": " + Path.of(command.get(0)).getFileName() + " failed: "
                    + result.complaint());
        }
        return result;
    }

    /** Whether a process with this PID is running (a zombie is not). */
    public static boolean isRunning(long pid) {
        return ProcessTable.system().runs(RuleOwner.pidOnly(pid));
    }
}
