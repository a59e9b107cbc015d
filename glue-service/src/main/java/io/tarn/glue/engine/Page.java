package io.tarn.glue.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a listing and where the next begins (null on the last page). */
public record Page<T>(List<T> items, @Nullable String next) {}
