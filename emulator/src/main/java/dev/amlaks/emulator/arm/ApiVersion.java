package dev.amlaks.emulator.arm;

import java.util.regex.Pattern;

/** An ARM api-version: {@code YYYY-MM-DD} optionally followed by a suffix such as {@code -preview}. */
public record ApiVersion(String value) implements Comparable<ApiVersion> {

    private static final Pattern FORMAT =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-(preview|alpha|beta|rc|privatepreview))?", Pattern.CASE_INSENSITIVE);

    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    public String date() {
        return value.substring(0, 10);
    }

    public boolean isPreview() {
        return value.length() > 10;
    }

    /** Newest first; a stable version sorts before a preview of the same date. */
    @Override
    public int compareTo(ApiVersion other) {
        int byDate = other.date().compareTo(date());
        if (byDate != 0) {
            return byDate;
        }
        return Boolean.compare(isPreview(), other.isPreview());
    }

    @Override
    public String toString() {
        return value;
    }
}
