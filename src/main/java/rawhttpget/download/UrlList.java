package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.HttpUrl;
import rawhttpget.output.IoMessages;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The URLs of a run in wget's order: the command line's, then those of --input-file, its relative ones resolved
 * against -B. A bad URL on the command line ends the run before anything is fetched; a bad line of the input
 * file is reported as wget reports it ({@code FILE: Invalid URL X: reason}), skipped, and makes the exit
 * status 1 at the end. A missing or empty input file is reported and fetches nothing, which wget counts as
 * success (exit 0).
 *
 * @param invalid the failure the skipped lines leave for the exit status, or null when there were none
 */
record UrlList(List<HttpUrl> urls, DownloadException invalid) {

    static UrlList of(List<String> commandLine, RetrievalSettings settings, Supplier<InputStream> stdin,
                      PrintWriter err) throws DownloadException {
        List<HttpUrl> urls = new ArrayList<>();
        for (String text : commandLine) {
            try {
                urls.add(HttpUrl.parse(text));
            } catch (HttpUrl.InvalidUrlException e) {
                throw new DownloadException(ExitCode.GENERIC, e.getMessage());
            }
        }
        String file = settings.inputFile();
        if (file == null) {
            return new UrlList(urls, null);
        }
        HttpUrl base = base(settings.base());
        List<String> lines;
        try {
            lines = InputFile.urls(read(file, stdin));
        } catch (IOException e) {
            err.println(file + ": " + IoMessages.describe(e));
            lines = List.of();
        }
        DownloadException invalid = null;
        int found = 0;
        for (String line : lines) {
            try {
                urls.add(base == null ? HttpUrl.parse(line) : base.resolve(line));
                found++;
            } catch (HttpUrl.InvalidUrlException e) {
                err.println(file + ": Invalid URL " + line + ": " + e.getMessage());
                invalid = new DownloadException(ExitCode.GENERIC, "invalid URLs in " + file);
            }
        }
        if (found == 0) {
            err.println("No URLs found in " + file + ".");
        }
        return new UrlList(urls, invalid);
    }

    private static HttpUrl base(String text) throws DownloadException {
        if (text == null) {
            return null;
        }
        try {
            return HttpUrl.parse(text);
        } catch (HttpUrl.InvalidUrlException e) {
            throw new DownloadException(ExitCode.USAGE, "--base: " + e.getMessage());
        }
    }

    private static String read(String file, Supplier<InputStream> stdin) throws IOException {
        if (file.equals("-")) {
            return new String(stdin.get().readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }
}
