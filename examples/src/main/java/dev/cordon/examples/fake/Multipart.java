package dev.cordon.examples.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal multipart/form-data reader: enough for POST /v1/files (a file part and fields). */
final class Multipart {
    /** One part: its form name, its filename (null for plain fields) and its bytes. */
    record Part(String name, String filename, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("(?i)[; ]name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)filename=\"([^\"]*)\"");

    private Multipart() {}

    static List<Part> parse(String contentType, byte[] body) {
        Matcher b = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !b.find()) {
            throw ApiError.invalid(null, "Expected a multipart/form-data body with a boundary.");
        }
        // ISO-8859-1 maps bytes 1:1 to chars, so offsets found in the string are byte offsets.
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + b.group(1);
        List<Part> parts = new ArrayList<>();
        int at = raw.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (raw.startsWith("--", start)) {
                break; // closing delimiter
            }
            int headersEnd = raw.indexOf("\r\n\r\n", start);
            int next = raw.indexOf("\r\n" + delimiter, start);
            if (headersEnd < 0 || next < 0 || headersEnd > next) {
                throw ApiError.invalid(null, "Malformed multipart body.");
            }
            String headers = raw.substring(start, headersEnd);
            Matcher name = NAME.matcher(headers);
            Matcher filename = FILENAME.matcher(headers);
            byte[] content = raw.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
            parts.add(new Part(name.find() ? name.group(1) : "", filename.find() ? filename.group(1) : null, content));
            at = next + 2;
        }
        return parts;
    }
}
