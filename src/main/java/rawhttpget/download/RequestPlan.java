package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.HeaderField;
import rawhttpget.http.HttpRequest;
import rawhttpget.http.HttpUrl;
import rawhttpget.http.RequestBuilder;
import rawhttpget.http.RequestMethod;
import rawhttpget.output.IoMessages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The method, body and headers every request of the run carries, checked and read once before anything is sent,
 * with wget's messages and exit codes for the combinations wget refuses.
 */
final class RequestPlan {
    private final RequestSettings settings;
    private final String userAgent;
    private final String method;
    private final byte[] body;

    private RequestPlan(RequestSettings settings, String userAgent, String method, byte[] body) {
        this.settings = settings;
        this.userAgent = userAgent;
        this.method = method;
        this.body = body;
    }

    static RequestPlan prepare(RequestSettings s, String version) throws DownloadException {
        if (s.postData() != null && s.postFile() != null) {
            throw new DownloadException(ExitCode.GENERIC, "You cannot specify both --post-data and --post-file.");
        }
        boolean post = s.postData() != null || s.postFile() != null;
        if (post && s.method() != null) {
            throw new DownloadException(ExitCode.GENERIC, "You cannot use --post-data or --post-file along with"
                    + " --method. --method expects data through --body-data and --body-file options");
        }
        boolean body = s.bodyData() != null || s.bodyFile() != null;
        if (body && s.method() == null) {
            throw new DownloadException(ExitCode.GENERIC,
                    "You must specify a method through --method=HTTPMethod to use with --body-data or --body-file.");
        }
        if (s.bodyData() != null && s.bodyFile() != null) {
            throw new DownloadException(ExitCode.GENERIC, "You cannot specify both --body-data and --body-file.");
        }
        String userAgent = s.userAgent() != null ? s.userAgent() : "rawhttpget/" + version;
        String method = post ? "POST" : s.method() != null ? s.method() : "GET";
        byte[] bytes = null;
        if (s.postData() != null || s.bodyData() != null) {
            bytes = (s.postData() != null ? s.postData() : s.bodyData()).getBytes(StandardCharsets.UTF_8);
        } else if (s.postFile() != null || s.bodyFile() != null) {
            bytes = read(Path.of(s.postFile() != null ? s.postFile() : s.bodyFile()));
        }
        RequestPlan plan = new RequestPlan(s, userAgent, method, bytes);
        try {
            plan.request(HttpUrl.parse("http://h/"), 0, null, false);
        } catch (IllegalArgumentException e) {
            throw new DownloadException(ExitCode.USAGE, e.getMessage());
        } catch (HttpUrl.InvalidUrlException e) {
            throw new IllegalStateException(e);
        }
        return plan;
    }

    private static byte[] read(Path file) throws DownloadException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            // wget: "BODY data file 'F' missing: No such file or directory", exit 3.
            throw new DownloadException(ExitCode.FILE_IO, "BODY data file '" + file + "' missing: "
                    + IoMessages.describe(e), e);
        }
    }

    /**
     * What a redirect with this status leaves of the plan: wget turns a POST into a GET without body except for
     * 307 and 308, which keep the method by definition (RFC 9110 §15.4); other methods are kept.
     */
    RequestPlan afterRedirect(int status) {
        if (status == 307 || status == 308 || !method.equals("POST")) {
            return this;
        }
        return new RequestPlan(settings, userAgent, "GET", null);
    }

    /** --spider's plan: wget asks with HEAD, so no body is sent for nothing. */
    RequestPlan asHead() {
        return new RequestPlan(settings, userAgent, "HEAD", null);
    }

    boolean hasBody() {
        return body != null;
    }

    String method() {
        return method;
    }

    /** The User-Agent every request carries ("" for none), which a CONNECT to a proxy carries too. */
    String userAgent() {
        return userAgent;
    }

    RequestMethod parserMethod() {
        return method.equals("HEAD") ? RequestMethod.HEAD : RequestMethod.GET;
    }

    /**
     * @param authorization the Authorization value to send, or null
     * @param eager whether it goes unasked (where wget puts such credentials) or answers a challenge
     */
    HttpRequest request(HttpUrl url, long rangeFrom, String authorization, boolean eager) {
        RequestBuilder builder = new RequestBuilder(url).method(method).userAgent(userAgent).rangeFrom(rangeFrom)
                .noCache(settings.noCache());
        if (settings.referer() != null) {
            builder.referer(settings.referer());
        }
        if (body != null) {
            builder.body(body);
        }
        for (HeaderField header : settings.headers()) {
            builder.userHeader(header.name(), header.value());
        }
        if (authorization != null) {
            if (eager) {
                builder.eagerAuthorization(authorization);
            } else {
                builder.challengedAuthorization(authorization);
            }
        }
        return builder.build();
    }
}
