package rawhttpget.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses arguments as GNU getopt_long does for wget: {@code -O FILE}, {@code -OFILE}, bundled flags ({@code -qc},
 * {@code -qO FILE}), {@code --name=VALUE}, {@code --name VALUE}, unambiguous prefixes of long names, wget's
 * {@code -nc}, options and URLs in any order, and {@code --} to end the options. A repeated option sets its field
 * again (the last value wins; --log adds to a list).
 */
final class CommandLineParser {
    private final List<CliOption> table;

    CommandLineParser(List<CliOption> table) {
        this.table = table;
    }

    static Options parse(String... args) throws UsageException {
        return new CommandLineParser(Options.TABLE).parseInto(new Options(), args);
    }

    Options parseInto(Options options, String... args) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                options.urls.addAll(List.of(args).subList(i + 1, args.length));
                break;
            } else if (arg.startsWith("--")) {
                i = longOption(options, args, i);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                i = shortOptions(options, args, i);
            } else {
                options.urls.add(arg);
            }
        }
        if (options.urls.isEmpty() && options.inputFile == null && !options.help && !options.version) {
            throw new UsageException("Missing required parameter: 'URL'");
        }
        return options;
    }

    /** Handles {@code args[i]}, a long option; returns the index of the last argument it used. */
    private int longOption(Options options, String[] args, int i) throws UsageException {
        String arg = args[i];
        int eq = arg.indexOf('=');
        String name = arg.substring(2, eq < 0 ? arg.length() : eq);
        CliOption option = longNamed(name, arg);
        if (!option.takesValue()) {
            if (eq >= 0) {
                throw new UsageException("Option '" + option.longForm() + "' takes no value: '" + arg + "'");
            }
            set(options, option, null);
            return i;
        }
        if (eq >= 0) {
            set(options, option, arg.substring(eq + 1));
            return i;
        }
        return i + 1 < args.length ? setFrom(options, option, args[i + 1], i + 1) : missing(option);
    }

    /** An exact long name, else the one option the prefix starts; null never. */
    private CliOption longNamed(String name, String arg) throws UsageException {
        List<CliOption> candidates = new ArrayList<>();
        for (CliOption option : table) {
            if (option.longName().equals(name)) {
                return option;
            }
            if (!name.isEmpty() && option.longName().startsWith(name)) {
                candidates.add(option);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        String shown = arg.indexOf('=') < 0 ? arg : arg.substring(0, arg.indexOf('='));
        if (candidates.isEmpty()) {
            throw new UsageException("Unknown option: '" + shown + "'");
        }
        List<String> names = candidates.stream().map(CliOption::longForm).toList();
        throw new UsageException("Ambiguous option: '" + shown + "' could be "
                + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1));
    }

    /** Handles {@code args[i]}, one or more bundled short options; returns the index of the last argument used. */
    private int shortOptions(Options options, String[] args, int i) throws UsageException {
        String arg = args[i];
        for (int at = 1; at < arg.length(); at++) {
            String letter = arg.substring(at, at + 1);
            if (letter.equals("n")) {
                // wget's -nX family: here only -nc; the letters after n name the option
                return nOption(options, arg, at, i);
            }
            CliOption option = shortNamed(letter, arg);
            if (!option.takesValue()) {
                set(options, option, null);
            } else if (at + 1 < arg.length()) {
                set(options, option, arg.substring(at + 1));
                return i;
            } else {
                return i + 1 < args.length ? setFrom(options, option, args[i + 1], i + 1) : missing(option);
            }
        }
        return i;
    }

    private int nOption(Options options, String arg, int at, int i) throws UsageException {
        if (at + 1 >= arg.length()) {
            throw new UsageException(unknown("-n", arg));
        }
        for (int next = at + 1; next < arg.length(); next++) {
            String name = "n" + arg.charAt(next);
            CliOption option = table.stream().filter(o -> name.equals(o.shortName()) && !o.takesValue()).findFirst()
                    .orElse(null);
            if (option == null) {
                throw new UsageException(unknown("-" + name, arg));
            }
            set(options, option, null);
        }
        return i;
    }

    private CliOption shortNamed(String letter, String arg) throws UsageException {
        for (CliOption option : table) {
            if (letter.equals(option.shortName())) {
                return option;
            }
        }
        throw new UsageException(unknown("-" + letter, arg));
    }

    private static String unknown(String option, String arg) {
        return "Unknown option: '" + option + "'" + (option.equals(arg) ? "" : " (while processing option: '" + arg
                + "')");
    }

    private int setFrom(Options options, CliOption option, String value, int index) throws UsageException {
        set(options, option, value);
        return index;
    }

    private static int missing(CliOption option) throws UsageException {
        throw new UsageException("Missing required parameter for option '" + option.longForm() + "' ("
                + option.label() + ")");
    }

    private static void set(Options options, CliOption option, String value) throws UsageException {
        try {
            option.setter().set(options, value);
        } catch (RefusedValue e) {
            throw new UsageException(option.longForm(), e);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid value for option '" + option.longForm() + "' (" + option.label() + "): "
                    + e.getMessage());
        }
    }
}
