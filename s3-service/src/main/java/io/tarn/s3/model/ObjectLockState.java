package io.tarn.s3.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The Object Lock settings of one object version (or of a write that asks for them): a retention
 * (mode and retain-until date, both or neither) and a legal hold. A retention whose date has
 * passed on the emulator clock no longer protects the version but is still reported, as on AWS.
 *
 * @param mode {@code GOVERNANCE} or {@code COMPLIANCE}, or null for no retention
 * @param retainUntil when the retention ends, or null for no retention
 * @param legalHold {@code ON}, {@code OFF}, or null when no legal hold was ever set
 */
public record ObjectLockState(@Nullable String mode, @Nullable Instant retainUntil, @Nullable String legalHold) {

    public static final String GOVERNANCE = "GOVERNANCE";
    public static final String COMPLIANCE = "COMPLIANCE";

    public boolean hasRetention() {
        return mode != null && retainUntil != null;
    }

    /** Whether the retention still protects the version at {@code now}. */
    public boolean retainedAt(Instant now) {
        return hasRetention() && retainUntil.isAfter(now);
    }

    public boolean legalHoldOn() {
        return "ON".equals(legalHold);
    }

    public boolean isEmpty() {
        return mode == null && retainUntil == null && legalHold == null;
    }

    public ObjectLockState withRetention(@Nullable String newMode, @Nullable Instant newRetainUntil) {
        return new ObjectLockState(newMode, newRetainUntil, legalHold);
    }

    public ObjectLockState withLegalHold(String status) {
        return new ObjectLockState(mode, retainUntil, status);
    }
}
