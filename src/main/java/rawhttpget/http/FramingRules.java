package rawhttpget.http;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * RFC 9112 §6.3: how the body of a response is delimited. Getting this wrong either truncates a download or,
 * worse, writes framing bytes into the file, so anything ambiguous is an error rather than a guess.
 */
final class FramingRules {
    private FramingRules() {
    }

    static BodyFraming framing(int statusCode, RequestMethod method, boolean chunked, OptionalLong contentLength) {
        if (method == RequestMethod.HEAD || statusCode == 204 || statusCode == 304) {
            return BodyFraming.NONE;
        }
        if (chunked) {
            return BodyFraming.CHUNKED;
        }
        return contentLength.isPresent() ? BodyFraming.CONTENT_LENGTH : BodyFraming.UNTIL_CLOSE;
    }

    /**
     * Whether Transfer-Encoding declares chunked. We never send TE, so a server may use no coding but chunked
     * (RFC 9112 §7); any other coding would end up undecoded in the file, so it is refused. "identity", from
     * older RFCs, is a no-op and tolerated.
     */
    static boolean isChunked(String version, List<HeaderField> fields) throws HttpProtocolException {
        int chunkedCount = 0;
        for (HeaderField field : fields) {
            if (!field.hasName("Transfer-Encoding")) {
                continue;
            }
            for (String element : field.value().split(",", -1)) {
                String coding = codingName(element);
                if (coding.equals("chunked")) {
                    chunkedCount++;
                } else if (!coding.isEmpty() && !coding.equals("identity")) {
                    throw new HttpProtocolException("unsupported transfer coding '" + Printable.clean(coding) + "'");
                }
            }
        }
        if (chunkedCount == 0) {
            return false;
        }
        if (version.equals("HTTP/1.0")) {
            // RFC 9112 §6.1: chunked did not exist in 1.0, so the framing of such a message cannot be trusted.
            throw new HttpProtocolException("Transfer-Encoding in an HTTP/1.0 response");
        }
        if (chunkedCount > 1) {
            throw new HttpProtocolException("chunked transfer coding applied more than once");
        }
        return true;
    }

    /**
     * The declared Content-Length, after RFC 9110 §8.6: repeated fields or comma lists are fine when every value
     * is the same, and an error otherwise. Callers skip this when chunked overrides it.
     */
    static OptionalLong contentLength(List<HeaderField> fields) throws HttpProtocolException {
        long length = -1;
        for (HeaderField field : fields) {
            if (!field.hasName("Content-Length")) {
                continue;
            }
            for (String element : field.value().split(",", -1)) {
                long value = parseLength(FieldSyntax.trimWhitespace(element));
                if (length >= 0 && value != length) {
                    throw new HttpProtocolException("conflicting Content-Length values " + length + " and " + value);
                }
                length = value;
            }
        }
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    private static long parseLength(String digits) throws HttpProtocolException {
        if (digits.isEmpty()) {
            throw new HttpProtocolException("empty Content-Length");
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpProtocolException("invalid Content-Length '" + Printable.clean(digits) + "' (digits only)");
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
                throw new HttpProtocolException("Content-Length '" + Printable.clean(digits) + "' is too large");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** A transfer-coding may carry parameters ({@code gzip;q=1}); only its name matters here. */
    private static String codingName(String element) {
        int semicolon = element.indexOf(';');
        String name = semicolon < 0 ? element : element.substring(0, semicolon);
        return FieldSyntax.trimWhitespace(name).toLowerCase(Locale.ROOT);
    }
}
