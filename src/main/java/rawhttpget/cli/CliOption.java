package rawhttpget.cli;

/**
 * One row of the option table ({@link Options#TABLE}): its names, the label of its value (null for a flag), the
 * help text, the default (applied to every new {@link Options} and shown in --help as {@code {default}}) and how
 * a value is stored. Parsing and help both read this row, so they cannot disagree.
 *
 * @param shortName the single-dash name without the dash ("t", or wget's two-letter "nc"), or null
 * @param longName the double-dash name without the dashes
 */
record CliOption(String shortName, String longName, String label, String description, String defaultValue,
                 Setter setter) {

    /** Stores one value (null for a flag) in the options; throws IllegalArgumentException with the reason. */
    @FunctionalInterface
    interface Setter {
        void set(Options options, String value);
    }

    static CliOption flag(String shortName, String longName, String description, Setter setter) {
        return new CliOption(shortName, longName, null, description, null, setter);
    }

    static CliOption value(String shortName, String longName, String label, String defaultValue, String description,
                           Setter setter) {
        return new CliOption(shortName, longName, label, description, defaultValue, setter);
    }

    boolean takesValue() {
        return label != null;
    }

    String longForm() {
        return "--" + longName;
    }

    /** The description as --help shows it, the default filled in. */
    String help() {
        return defaultValue == null ? description : description.replace("{default}", defaultValue);
    }
}
