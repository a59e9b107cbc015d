package io.tarn.s3.engine.restore;

import io.tarn.s3.S3Errors;
import java.time.Duration;
import java.util.Locale;

/**
 * A restore's retrieval tier and how long it takes per archive class, as the S3 User Guide gives
 * it ("Understanding archive retrieval options"): GLACIER Expedited 1-5 minutes, Standard 3-5
 * hours, Bulk 5-12 hours; DEEP_ARCHIVE Standard within 12 hours, Bulk within 48 hours, no
 * Expedited. "Within" has no stated lower bound: the window then starts at the next faster tier's
 * upper bound (Standard from 5 h, Bulk from 12 h), so a DEEP_ARCHIVE restore is never faster than
 * the same GLACIER one.
 */
public enum RestoreTier {
    EXPEDITED("Expedited"),
    STANDARD("Standard"),
    BULK("Bulk");

    /** The shortest and longest time a restore takes. */
    public record Window(Duration shortest, Duration longest) {}

    private final String wireName;

    RestoreTier(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The tier a request names (Standard when it names none); MalformedXML for another value, as the schema allows only these. */
    public static RestoreTier parse(String name) {
        if (name == null) {
            return STANDARD;
        }
        for (RestoreTier t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw S3Errors.MALFORMED_XML.exception("The XML you provided was not well-formed or did not validate against our published schema");
    }

    /** How long this tier takes for {@code storageClass} (GLACIER or DEEP_ARCHIVE). */
    public Window window(String storageClass) {
        boolean deep = storageClass.equals(ArchiveClasses.DEEP_ARCHIVE);
        return switch (this) {
            case EXPEDITED -> {
                if (deep) {
                    throw S3Errors.INVALID_ARGUMENT.exception("Expedited retrieval is not supported for the DEEP_ARCHIVE storage class")
                            .with("ArgumentName", "Tier").with("ArgumentValue", wireName);
                }
                yield new Window(Duration.ofMinutes(1), Duration.ofMinutes(5));
            }
            case STANDARD -> deep ? new Window(Duration.ofHours(5), Duration.ofHours(12)) : new Window(Duration.ofHours(3), Duration.ofHours(5));
            case BULK -> deep ? new Window(Duration.ofHours(12), Duration.ofHours(48)) : new Window(Duration.ofHours(5), Duration.ofHours(12));
        };
    }

    @Override
    public String toString() {
        return wireName.toLowerCase(Locale.ROOT);
    }
}
