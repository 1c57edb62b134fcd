package rawhttpget.cli;

/**
 * A value refused as wget refuses it while it reads its options: the parser reports it in wget's form,
 * "--limit-rate: Invalid byte value ‘abc’", with no hint to --help after it (see {@link UsageException}).
 * Thrown by an option's setter; the message is wget's reason, without the value.
 */
final class RefusedValue extends IllegalArgumentException {
    private final String value;

    RefusedValue(String reason, String value) {
        super(reason, null);
        this.value = value;
    }

    String value() {
        return value;
    }
}
