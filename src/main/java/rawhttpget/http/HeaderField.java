package rawhttpget.http;

import java.util.Objects;

/**
 * One header or trailer field as received: the name keeps the server's spelling (compare it ignoring case), the
 * value has its surrounding whitespace removed and is decoded as ISO-8859-1, so every byte is one char and
 * {@code value.getBytes(ISO_8859_1)} gives back the exact bytes (e.g. to read a raw UTF-8 Location).
 */
public record HeaderField(String name, String value) {

    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
