package rawhttpget.download;

import rawhttpget.http.HeaderField;
import rawhttpget.http.ResponseHead;

import java.io.PrintWriter;

/** -S: a response head as wget prints it, each line indented by two spaces, on stderr, with -q too. */
final class ServerResponse {
    private ServerResponse() {
    }

    static void print(ResponseHead head, PrintWriter err) {
        err.println("  " + head.version() + " " + head.statusCode() + (head.reason().isEmpty() ? "" : " " + head.reason()));
        for (HeaderField field : head.headers()) {
            err.println("  " + field.name() + ": " + field.value());
        }
    }
}
