package io.tarn.kms.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a listing and the marker of the next (null on the last page). */
public record Page<T>(List<T> items, @Nullable String nextMarker) {

    public boolean truncated() {
        return nextMarker != null;
    }
}
