package rawhttpget.host;

/** What a finished command left behind. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The command's own complaint, on one line, for an error message. */
    public String complaint() {
        String text = stderr.isBlank() ? stdout : stderr;
        return text.isBlank() ? "exit status " + exitCode : HostException.oneLine(text);
    }
}
