package io.tarn.glue.engine.registry;

import io.tarn.glue.GlueErrors;
import org.jspecify.annotations.Nullable;

/**
 * A schema's compatibility mode, as AWS documents it: BACKWARD lets readers of the new version read
 * data of the previous one, FORWARD lets readers of the previous version read the new one's data, FULL
 * both; the _ALL modes check every version from the checkpoint on instead of the latest only; NONE
 * checks nothing and DISABLED refuses any version after the first.
 */
public enum Compatibility {
    NONE(false, false, false),
    DISABLED(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_ALL(true, false, true),
    FORWARD(false, true, false),
    FORWARD_ALL(false, true, true),
    FULL(true, true, false),
    FULL_ALL(true, true, true);

    /** The mode a schema gets when CreateSchema names none. */
    public static final Compatibility DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean all;

    Compatibility(boolean backward, boolean forward, boolean all) {
        this.backward = backward;
        this.forward = forward;
        this.all = all;
    }

    boolean checks() {
        return backward || forward;
    }

    boolean backward() {
        return backward;
    }

    boolean forward() {
        return forward;
    }

    /** Whether every version from the checkpoint on is checked, not only the latest. */
    boolean all() {
        return all;
    }

    public static Compatibility of(@Nullable String name, Compatibility absent) {
        if (name == null) {
            return absent;
        }
        for (Compatibility c : values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'compatibility' failed to satisfy "
                + "constraint: Member must satisfy enum value set: [NONE, DISABLED, BACKWARD, BACKWARD_ALL, FORWARD, "
                + "FORWARD_ALL, FULL, FULL_ALL]", name);
    }
}
