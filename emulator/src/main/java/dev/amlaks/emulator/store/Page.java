package dev.amlaks.emulator.store;

import java.util.List;

/** One keyset page: the items and the key to continue after, or null on the last page. */
public record Page<T>(List<T> items, String continueAfter) {
    public boolean hasMore() {
        return continueAfter != null;
    }
}
