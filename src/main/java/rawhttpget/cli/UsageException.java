package rawhttpget.cli;

/** A command line that cannot be parsed: Main prints the message and a hint, and exits with status 2. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
