package io.tarn.s3.engine.analytics;

/**
 * The object age groups storage class analysis reports by (S3 User Guide, "Amazon S3 analytics –
 * Storage Class Analysis": less than 15 days, 15-29, ... 365-729 and 730 days or more), labelled
 * as the export's ObjectAge column shows them.
 */
enum AgeGroup {
    DAYS_0("000-014", 0), DAYS_15("015-029", 15), DAYS_30("030-044", 30), DAYS_45("045-059", 45), DAYS_60("060-074", 60),
    DAYS_75("075-089", 75), DAYS_90("090-119", 90), DAYS_120("120-149", 120), DAYS_150("150-179", 150),
    DAYS_180("180-364", 180), DAYS_365("365-729", 365), DAYS_730("730+", 730);

    final String label;
    /** The age in whole days the group starts at. */
    final int fromDays;

    AgeGroup(String label, int fromDays) {
        this.label = label;
        this.fromDays = fromDays;
    }

    static AgeGroup of(long ageDays) {
        AgeGroup[] all = values();
        for (int i = all.length - 1; i > 0; i--) {
            if (ageDays >= all[i].fromDays) {
                return all[i];
            }
        }
        return DAYS_0;
    }
}
