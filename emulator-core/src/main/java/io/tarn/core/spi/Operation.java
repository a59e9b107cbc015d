package io.tarn.core.spi;

/** One typed operation: decoded input in, output record out (null for an empty answer). */
@FunctionalInterface
public interface Operation<I, O> {
    O invoke(RequestContext context, I input);
}
