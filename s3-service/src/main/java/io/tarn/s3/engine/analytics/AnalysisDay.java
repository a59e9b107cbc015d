package io.tarn.s3.engine.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One configuration's analysis of one day, by age group, and the CSV lines the export appends for
 * it. The recommendation is Tarn's reading of what AWS describes without a formula: an age group
 * is infrequently accessed when, over the observed days, its STANDARD objects were retrieved less
 * than once their own size per 30 days (below that, STANDARD_IA's lower storage price outweighs
 * its retrieval fee); the transition age is the youngest group from 30 days on (STANDARD_IA's
 * minimum) from which every older group holding data is infrequently accessed. AWS recommends only
 * after observing 30 days, so RecommendedObjectAgeForSIATransition stays empty until then.
 */
final class AnalysisDay {

    /** The export's columns, in AWS's order. */
    static final String HEADER = "Date,ConfigId,Filter,StorageClass,ObjectAge,ObjectCount,DataUploaded_MB,Storage_MB,"
            + "DataRetrieved_MB,GetRequestCount,CumulativeAccessRatio,ObjectAgeForSIATransition,RecommendedObjectAgeForSIATransition";
    static final int OBSERVATION_DAYS = 30;
    private static final int GROUPS = AgeGroup.values().length;
    private static final double MB = 1024 * 1024;

    final long[] objects = new long[GROUPS];
    final long[] storedBytes = new long[GROUPS];
    final long[] uploadedBytes = new long[GROUPS];
    final AccessCount[] retrieved = new AccessCount[GROUPS];
    /** Retrieved since the observation began, this day included. */
    final AccessCount[] cumulative = new AccessCount[GROUPS];

    AnalysisDay() {
        java.util.Arrays.fill(retrieved, AccessCount.ZERO);
        java.util.Arrays.fill(cumulative, AccessCount.ZERO);
    }

    void addObject(AgeGroup g, long size, boolean uploadedThatDay) {
        objects[g.ordinal()]++;
        storedBytes[g.ordinal()] += size;
        if (uploadedThatDay) {
            uploadedBytes[g.ordinal()] += size;
        }
    }

    /** The age in days from which the observed groups are infrequently accessed; null when none qualifies. */
    @Nullable Integer transitionAge(long observedDays) {
        Integer age = null;
        for (int g = GROUPS - 1; g >= 0; g--) {
            AgeGroup group = AgeGroup.values()[g];
            if (group.fromDays < OBSERVATION_DAYS) {
                break;
            }
            if (storedBytes[g] == 0) {
                continue; // a group without data says nothing either way
            }
            double retrievedPer30Days = cumulative[g].bytes() * (double) OBSERVATION_DAYS / Math.max(1, observedDays);
            if (retrievedPer30Days >= storedBytes[g]) {
                break;
            }
            age = group.fromDays;
        }
        return age;
    }

    /** The day's CSV lines, one per age group. */
    List<String> lines(LocalDate date, String configId, String filter, long observedDays) {
        Integer age = transitionAge(observedDays);
        String observed = age == null ? "" : age.toString();
        String recommended = observedDays >= OBSERVATION_DAYS ? observed : "";
        List<String> out = new ArrayList<>(GROUPS);
        for (AgeGroup g : AgeGroup.values()) {
            int i = g.ordinal();
            double ratio = storedBytes[i] == 0 ? 0 : cumulative[i].bytes() / (double) storedBytes[i];
            out.add(String.join(",", date.toString(), csv(configId), csv(filter), "STANDARD", g.label, Long.toString(objects[i]),
                    mb(uploadedBytes[i]), mb(storedBytes[i]), mb(retrieved[i].bytes()), Long.toString(retrieved[i].requests()),
                    String.format(Locale.ROOT, "%.4f", ratio), observed, recommended));
        }
        return out;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.6f", bytes / MB);
    }

    /** RFC 4180 quoting for the two free-text columns. */
    static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
