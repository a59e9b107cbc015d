package io.tarn.s3.engine.report;

/**
 * The counted events of one bucket and storage class (persisted, schema 1): summed from the
 * ledger's deltas.
 *
 * @param transitionsIn versions that entered the class by a lifecycle transition
 * @param transitionsOut versions that left it by one
 * @param restores restores of archived versions of the class that completed
 * @param restoredBytes the bytes those restores made readable
 * @param earlyDeletions versions that left the class (deleted, overwritten, transitioned) before its minimum duration
 * @param earlyDeletionDays the days still due that those charged, summed over the versions
 * @param earlyDeletionByteDays each such version's billable bytes times its days due: what the charge is priced on
 */
public record StorageCounters(long transitionsIn, long transitionsOut, long restores, long restoredBytes, long earlyDeletions,
        long earlyDeletionDays, long earlyDeletionByteDays) {

    public static final StorageCounters ZERO = new StorageCounters(0, 0, 0, 0, 0, 0, 0);

    public StorageCounters plus(StorageCounters o) {
        return new StorageCounters(transitionsIn + o.transitionsIn, transitionsOut + o.transitionsOut, restores + o.restores,
                restoredBytes + o.restoredBytes, earlyDeletions + o.earlyDeletions, earlyDeletionDays + o.earlyDeletionDays,
                earlyDeletionByteDays + o.earlyDeletionByteDays);
    }
}
