package io.tarn.kms;

/**
 * KMS's limits, from the API reference (request parameters of each operation) and the quotas page
 * (https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html).
 */
public final class KmsLimits {

    private KmsLimits() {}

    /** Encrypt/GenerateMac/Sign: Plaintext and Message 1-4096 bytes. */
    public static final int MAX_PLAINTEXT_BYTES = 4096;
    /** CiphertextBlob, Signature, Mac: 1-6144 bytes. */
    public static final int MAX_CIPHERTEXT_BYTES = 6144;
    /** GenerateDataKey / GenerateRandom NumberOfBytes: 1-1024. */
    public static final int MAX_DATA_KEY_BYTES = 1024;
    /** Key id parameters: 1-2048 characters. */
    public static final int MAX_KEY_ID_LENGTH = 2048;
    /** Description: 0-8192 characters. */
    public static final int MAX_DESCRIPTION_LENGTH = 8192;
    /** Policy: 1-32768 bytes (the model allows 131072; the service enforces 32 KiB). */
    public static final int MAX_POLICY_LENGTH = 32768;
    /** Alias names: 1-256 characters, {@code ^[a-zA-Z0-9:/_-]+$}. */
    public static final int MAX_ALIAS_NAME_LENGTH = 256;
    /** Tags: 50 per key, key 1-128, value 0-256 characters. */
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG_KEY_LENGTH = 128;
    public static final int MAX_TAG_VALUE_LENGTH = 256;
    /** GrantTokens: at most 10 per request, each 1-8192 characters. */
    public static final int MAX_GRANT_TOKENS = 10;
    public static final int MAX_GRANT_TOKEN_LENGTH = 8192;
    /** Grants per key (quota): 50,000. */
    public static final int MAX_GRANTS_PER_KEY = 50_000;
    /** Aliases per key (quota): 50. */
    public static final int MAX_ALIASES_PER_KEY = 50;
    /** ScheduleKeyDeletion PendingWindowInDays: 7-30, default 30. */
    public static final int MIN_PENDING_WINDOW_DAYS = 7;
    public static final int MAX_PENDING_WINDOW_DAYS = 30;
    public static final int DEFAULT_PENDING_WINDOW_DAYS = 30;
    /** EnableKeyRotation RotationPeriodInDays: 90-2560, default 365. */
    public static final int MIN_ROTATION_PERIOD_DAYS = 90;
    public static final int MAX_ROTATION_PERIOD_DAYS = 2560;
    public static final int DEFAULT_ROTATION_PERIOD_DAYS = 365;
    /** RotateKeyOnDemand: at most 25 on-demand rotations per key. */
    public static final int MAX_ON_DEMAND_ROTATIONS = 25;
    /** Audit log: the newest entries kept (Tarn's own bound). */
    public static final int AUDIT_LOG_CAPACITY = 100_000;

    /** Limit parameter of list operations: the largest value each accepts and its default. */
    public enum Page {
        KEYS(1000, 100),
        ALIASES(100, 50),
        GRANTS(100, 50),
        TAGS(50, 50),
        ROTATIONS(1000, 100),
        POLICIES(1000, 100);

        public final int max;
        public final int defaultLimit;

        Page(int max, int defaultLimit) {
            this.max = max;
            this.defaultLimit = defaultLimit;
        }
    }
}
