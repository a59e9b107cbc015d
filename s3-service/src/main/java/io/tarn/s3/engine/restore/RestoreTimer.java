package io.tarn.s3.engine.restore;

import java.time.Instant;

/**
 * A due change of a restore, stored (under {@code S3Keys.restoreTimer}, ordered by time) so that it
 * survives a restart: {@code READY} when the restored copy becomes readable, {@code EXPIRE} when it goes.
 */
public record RestoreTimer(long seq, String kind, Instant due) {
    public static final String READY = "ready";
    public static final String EXPIRE = "expire";
}
