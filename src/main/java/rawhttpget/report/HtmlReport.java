package rawhttpget.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --report FILE.html}: one self-contained page. Styles, uPlot (read from its webjar on the class path,
 * licence included) and the page's own script are inline, and the data sits in a JSON script element, so the
 * file opens offline in any current browser and fetches nothing.
 */
public final class HtmlReport {
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/";
    private static final String OWN = "rawhttpget/report/";

    private HtmlReport() {
    }

    /** Writes the report of {@code recorder}'s connections; {@code stats} is the --stats text of the run. */
    public static void write(Path file, TraceRecorder recorder, RunStats run, String stats) throws IOException {
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                1 << 16)) {
            write(out, recorder, run, stats);
        }
    }

    static void write(Writer out, TraceRecorder recorder, RunStats run, String stats) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>rawhttpget TCP report</title>\n<style>\n");
        out.write(resource(UPLOT + "dist/uPlot.min.css"));
        out.write("\n</style>\n<style>\n");
        out.write(resource(OWN + "report.css"));
        out.write("\n</style>\n</head>\n<body>\n<header><h1>rawhttpget: the download's TCP</h1>\n<pre id=\"stats\">");
        out.write(escapeHtml(stats));
        out.write("</pre></header>\n<main id=\"report\"></main>\n"
                + "<script type=\"application/json\" id=\"rawhttpget-data\">");
        TraceJson.write(out, recorder, run.transfers(), stats);
        out.write("</script>\n<script>\n/*\n");
        out.write(resource(UPLOT + "LICENSE").replace("*/", "* /"));
        out.write("\n*/\n");
        out.write(resource(UPLOT + "dist/uPlot.iife.min.js"));
        out.write("\n</script>\n<script>\n");
        out.write(resource(OWN + "report.js"));
        out.write("\n</script>\n</body>\n</html>\n");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
