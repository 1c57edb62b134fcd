package rawhttpget.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses arguments as GNU getopt_long does for wget: {@code -O FILE}, {@code -OFILE}, bundled flags ({@code -qc},
 * {@code -qO FILE}), {@code --name=VALUE}, {@code --name VALUE}, unambiguous prefixes of long names, wget's
 * {@code -nc}, options and URLs in any order, and {@code --} to end the options. A repeated option sets its field
 * again (the last value wins; --log adds to a list). An option it cannot read is refused in getopt_long's words, as
 * wget 1.21.3 prints them ({@link UsageException#getopt}).
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
            throw UsageException.wget("missing URL");
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
                throw UsageException.getopt("option '" + option.longForm() + "' doesn't allow an argument");
            }
            set(options, option, null);
            return i;
        }
        if (eq >= 0) {
            set(options, option, arg.substring(eq + 1));
            return i;
        }
        if (i + 1 < args.length) {
            return setFrom(options, option, args[i + 1], i + 1);
        }
        throw UsageException.getopt("option '" + option.longForm() + "' requires an argument");
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
        // getopt_long shows the argument whole, "=VALUE" included, and the candidates in the table's order.
        if (candidates.isEmpty()) {
            throw UsageException.getopt("unrecognized option '" + arg + "'");
        }
        StringBuilder possibilities = new StringBuilder();
        for (CliOption candidate : candidates) {
            possibilities.append(" '").append(candidate.longForm()).append('\'');
        }
        throw UsageException.getopt("option '" + arg + "' is ambiguous; possibilities:" + possibilities);
    }

    /** Handles {@code args[i]}, one or more bundled short options; returns the index of the last argument used. */
    private int shortOptions(Options options, String[] args, int i) throws UsageException {
        String arg = args[i];
        for (int at = 1; at < arg.length(); at++) {
            String letter = arg.substring(at, at + 1);
            if (letter.equals("n")) {
                // wget's -nX family (-nv, -nc here): -n takes the letters after it, or the next argument, as its value
                return nOption(options, args, at, i);
            }
            CliOption option = shortNamed(letter);
            if (!option.takesValue()) {
                set(options, option, null);
            } else if (at + 1 < arg.length()) {
                set(options, option, arg.substring(at + 1));
                return i;
            } else if (i + 1 < args.length) {
                return setFrom(options, option, args[i + 1], i + 1);
            } else {
                throw UsageException.getopt("option requires an argument -- '" + letter + "'");
            }
        }
        return i;
    }

    /** wget's -n: each letter of its value names a -nX flag; an unknown one is wget's "illegal option", status 1. */
    private int nOption(Options options, String[] args, int at, int i) throws UsageException {
        String arg = args[i];
        String letters;
        int last = i;
        if (at + 1 < arg.length()) {
            letters = arg.substring(at + 1);
        } else if (i + 1 < args.length) {
            letters = args[i + 1];
            last = i + 1;
        } else {
            throw UsageException.getopt("option requires an argument -- 'n'");
        }
        for (char letter : letters.toCharArray()) {
            String name = "n" + letter;
            CliOption option = table.stream().filter(o -> name.equals(o.shortName()) && !o.takesValue()).findFirst()
                    .orElse(null);
            if (option == null) {
                throw UsageException.wget("illegal option -- `-" + name + "'");
            }
            set(options, option, null);
        }
        return last;
    }

    private CliOption shortNamed(String letter) throws UsageException {
        for (CliOption option : table) {
            if (letter.equals(option.shortName())) {
                return option;
            }
        }
        throw UsageException.getopt("invalid option -- '" + letter + "'");
    }

    private int setFrom(Options options, CliOption option, String value, int index) throws UsageException {
        set(options, option, value);
        return index;
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
