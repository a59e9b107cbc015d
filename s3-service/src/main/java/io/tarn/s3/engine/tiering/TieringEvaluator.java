package io.tarn.s3.engine.tiering;

import io.tarn.core.store.Entry;
import io.tarn.core.store.Keyspace;
import io.tarn.s3.engine.notifications.ObjectChange;
import io.tarn.s3.engine.notifications.ObjectChangeHook;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One daily evaluation: every monitored version moves down to the tier its days without access
 * reach (30 days: Infrequent Access; 90: Archive Instant Access; a configuration's days: Archive
 * Access, Deep Archive Access), never up (only an access or a restore brings it back). The states
 * are read in scans of {@link #BATCH}, each batch's moves written in one store batch with the
 * {@code IntelligentTiering} events of those that enter an archive tier, so memory stays bounded
 * however many objects there are. A version is read only when a move may be due, for its tags.
 */
final class TieringEvaluator {

    static final int BATCH = 1000;
    static final int INFREQUENT_AFTER_DAYS = 30;
    static final int ARCHIVE_INSTANT_AFTER_DAYS = 90;

    private record Move(long seq, @Nullable TierState state, @Nullable ObjectVersion version) {}

    private final Keyspace keyspace;
    private final AccessRecorder recorder;
    private final Function<String, List<TieringConfiguration>> configurations;
    private final Supplier<ObjectChangeHook> events;
    private final LongSupplier sequence;

    TieringEvaluator(Keyspace keyspace, AccessRecorder recorder, Function<String, List<TieringConfiguration>> configurations,
            Supplier<ObjectChangeHook> events, LongSupplier sequence) {
        this.keyspace = keyspace;
        this.recorder = recorder;
        this.configurations = configurations;
        this.events = events;
        this.sequence = sequence;
    }

    /** Applies the moves due at {@code at}; returns how many versions moved. */
    int evaluate(Instant at) {
        Map<String, List<TieringConfiguration>> configs = new HashMap<>(); // per bucket, read once a run
        int moved = 0;
        long from = Long.MIN_VALUE;
        while (true) {
            List<Entry> entries;
            synchronized (recorder) { // accesses are written before and not while the states are judged
                recorder.flush();
                entries = keyspace.scan(S3Keys.tiers(), S3Keys.tier(from), BATCH);
                List<Move> moves = new ArrayList<>();
                for (Entry e : entries) {
                    TierState state = e.value(TierState.class);
                    Move m = judge((Long) e.key().parts().get(1), state, configs.computeIfAbsent(state.bucket(), configurations), at);
                    if (m != null) {
                        moves.add(m);
                    }
                }
                moved += write(moves);
                if (!entries.isEmpty()) {
                    from = (Long) entries.get(entries.size() - 1).key().parts().get(1) + 1;
                }
            }
            if (entries.size() < BATCH) {
                return moved;
            }
        }
    }

    /** The move of one version, or null; a move to a null state drops the state of a version that is gone. */
    private @Nullable Move judge(long seq, TierState s, List<TieringConfiguration> configs, Instant at) {
        if (!target(s, configs, null, at).below(s.tier())) {
            return null; // not due even if every configuration's tag filter matched: no read
        }
        ObjectVersion v = keyspace.get(S3Keys.version(s.bucket(), s.key(), seq), ObjectVersion.class).orElse(null);
        if (v == null || !TieringIndex.monitored(v)) {
            return new Move(seq, null, null); // gone or out of the class by a change the index missed (a race with a delete)
        }
        AccessTier to = target(s, configs, v.tags(), at);
        return to.below(s.tier()) ? new Move(seq, s.movedTo(to), v) : null;
    }

    /** The tier {@code s} belongs in at {@code at}; {@code tags} null: as if every tag filter matched. */
    static AccessTier target(TierState s, List<TieringConfiguration> configs, @Nullable Map<String, String> tags, Instant at) {
        long idleDays = Duration.between(s.lastAccess(), at).toDays();
        Integer archive = null;
        Integer deepArchive = null;
        for (TieringConfiguration c : configs) {
            if (c.covers(s.key(), tags)) {
                archive = earliest(archive, c.daysFor(AccessTier.ARCHIVE_ACCESS));
                deepArchive = earliest(deepArchive, c.daysFor(AccessTier.DEEP_ARCHIVE_ACCESS));
            }
        }
        if (deepArchive != null && idleDays >= deepArchive) {
            return AccessTier.DEEP_ARCHIVE_ACCESS;
        }
        if (archive != null && idleDays >= archive) {
            return AccessTier.ARCHIVE_ACCESS;
        }
        if (idleDays >= ARCHIVE_INSTANT_AFTER_DAYS) {
            return AccessTier.ARCHIVE_INSTANT_ACCESS;
        }
        return idleDays >= INFREQUENT_AFTER_DAYS ? AccessTier.INFREQUENT_ACCESS : AccessTier.FREQUENT_ACCESS;
    }

    private static @Nullable Integer earliest(@Nullable Integer a, @Nullable Integer b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.min(a, b);
    }

    private int write(List<Move> moves) {
        if (moves.isEmpty()) {
            return 0;
        }
        ObjectChangeHook hook = events.get();
        int[] moved = {0};
        keyspace.write(b -> {
            for (Move m : moves) {
                if (m.state() == null) {
                    b.delete(S3Keys.tier(m.seq()));
                    continue;
                }
                b.put(S3Keys.tier(m.seq()), m.state());
                moved[0]++;
                if (m.state().tier().archived()) {
                    // "s3:IntelligentTiering": an object moved to the Archive Access or Deep Archive Access tier
                    hook.changed(b, ObjectChange.of(m.state().bucket(), "IntelligentTiering", m.version(), sequence)
                            .toAccessTier(m.state().tier().name()));
                }
            }
        });
        hook.committed();
        return moved[0];
    }
}
