package dev.amlaks.emulator.providers.resources;

import java.util.Map;

/** ARM's tag limits: at most 50 tags, names up to 512 characters, values up to 256, no '<>%&\?/' in names. */
public final class Tags {

    public static final int MAX_TAGS = 50;
    private static final String FORBIDDEN = "<>%&\\?/";

    private Tags() {
    }

    public static void validate(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > MAX_TAGS) {
            throw ResourcesErrors.invalidTag("The resource has " + tags.size() + " tags; at most " + MAX_TAGS + " are allowed.");
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.length() > 512) {
                throw ResourcesErrors.invalidTag("The tag name '" + name + "' must be 1 to 512 characters long.");
            }
            for (char c : FORBIDDEN.toCharArray()) {
                if (name.indexOf(c) >= 0) {
                    throw ResourcesErrors.invalidTag("The tag name '" + name + "' has an invalid character '" + c
                            + "'. Tag names cannot contain any of " + FORBIDDEN + ".");
                }
            }
            String value = e.getValue();
            if (value == null) {
                throw ResourcesErrors.invalidTag("The tag '" + name + "' has a null value; use an empty string.");
            }
            if (value.length() > 256) {
                throw ResourcesErrors.invalidTag("The value of tag '" + name + "' is " + value.length()
                        + " characters long; at most 256 are allowed.");
            }
        }
    }
}
