package io.tarn.core.auth;

import io.tarn.core.config.ConfiguredIdentities;
import io.tarn.core.config.ConfiguredUser;
import io.tarn.core.config.StaticCredential;
import io.tarn.core.config.TarnConfig;
import io.tarn.core.iam.Identities;
import io.tarn.core.iam.UniqueIds;
import io.tarn.core.spi.Caller;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The credentials Tarn knows: {@code test}/{@code test}, the init file's access keys and its
 * users' keys, any 12-digit access key with the secret {@code test} (one per account), and the
 * temporary credentials STS issued (kept in the store with their session policy, so they outlive a
 * restart). Maps an access key to its principal; holds the identities' compiled policies.
 */
public final class CredentialStore {

    /** Secret and identity of a known access key. */
    public record Known(String secretAccessKey, Caller caller, @Nullable Instant expiration, @Nullable String sessionToken) {}

    public static final String DEFAULT_ACCESS_KEY = "test";
    public static final String DEFAULT_SECRET = "test";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** What the access key ids of temporary credentials start with, on AWS as here. */
    private static final String TEMPORARY_PREFIX = "ASIA";
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final TarnConfig config;
    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Map<String, StaticCredential> statics = new LinkedHashMap<>();
    /** The init file's users by access key. */
    private final Map<String, Known> users = new LinkedHashMap<>();
    private final Identities identities;

    public CredentialStore(TarnConfig config, Keyspace keyspace, EmulatorClock clock) {
        this.config = config;
        this.keyspace = keyspace;
        this.clock = clock;
        statics.put(DEFAULT_ACCESS_KEY, new StaticCredential(DEFAULT_ACCESS_KEY, DEFAULT_SECRET, null));
        for (StaticCredential c : config.initFile().credentials()) {
            statics.put(c.accessKeyId(), c);
        }
        this.identities = ConfiguredIdentities.compile(config.initFile(), config.defaultAccount());
        for (ConfiguredUser u : config.initFile().users()) {
            if (statics.containsKey(u.accessKeyId()) || users.containsKey(u.accessKeyId())) {
                throw new IllegalArgumentException("init file: user " + u.name() + ": the access key " + u.accessKeyId()
                        + " is already another's");
            }
            String account = u.account() == null ? config.defaultAccount() : u.account();
            String arn = "arn:aws:iam::" + account + ":user/" + u.name();
            users.put(u.accessKeyId(), new Known(u.secretAccessKey(),
                    new Caller(u.accessKeyId(), account, arn, UniqueIds.user(arn), null), null, null));
        }
    }

    /** The configured users' and roles' compiled identity policies. */
    public Identities identities() {
        return identities;
    }

    /**
     * Who {@code accessKeyId} is, whatever its secret: the account of STS-issued or configured
     * credentials, else the key itself when it is 12 digits, else the default account.
     */
    public Caller callerFor(String accessKeyId) {
        Optional<Known> known = find(accessKeyId);
        if (known.isPresent()) {
            return known.get().caller();
        }
        return Caller.root(accessKeyId, accountOf(accessKeyId, null));
    }

    /** The secret and identity of a key strict mode accepts, if it is one. */
    public Optional<Known> find(String accessKeyId) {
        Known user = users.get(accessKeyId);
        if (user != null) {
            return Optional.of(user);
        }
        StaticCredential s = statics.get(accessKeyId);
        if (s != null) {
            return Optional.of(new Known(s.secretAccessKey(), Caller.root(accessKeyId, accountOf(accessKeyId, s.account())), null, null));
        }
        if (isAccountId(accessKeyId)) {
            return Optional.of(new Known(DEFAULT_SECRET, Caller.root(accessKeyId, accessKeyId), null, null));
        }
        if (!accessKeyId.startsWith(TEMPORARY_PREFIX)) {
            return Optional.empty(); // every request asks: spare it a store read for keys STS never issues
        }
        return keyspace.get(Key.of("temp", accessKeyId), TemporaryCredential.class)
                .map(t -> new Known(t.secretAccessKey(), new Caller(accessKeyId, t.account(), t.arn(), t.userId(), t.sessionToken(),
                        t.sessionPolicy() == null ? null : identities.sessionPolicy(t.sessionPolicy())), t.expiration(), t.sessionToken()));
    }

    /** Issues temporary credentials acting as {@code arn} in {@code account}, valid for {@code duration}. */
    public TemporaryCredential issue(String account, String arn, String userId, Duration duration) {
        return issue(account, arn, userId, duration, null);
    }

    /**
     * Issues temporary credentials acting as {@code arn} under a session policy (its document,
     * already validated; null for none), valid for {@code duration}.
     */
    public TemporaryCredential issue(String account, String arn, String userId, Duration duration, @Nullable String sessionPolicy) {
        String accessKeyId = TEMPORARY_PREFIX + randomChars(16);
        byte[] secret = new byte[30];
        RANDOM.nextBytes(secret);
        byte[] token = new byte[96];
        RANDOM.nextBytes(token);
        TemporaryCredential credential = new TemporaryCredential(1, accessKeyId,
                Base64.getEncoder().encodeToString(secret),
                "FQoGZXIvYXdzE" + Base64.getEncoder().encodeToString(token),
                clock.instant().plus(duration).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                account, arn, userId, sessionPolicy);
        keyspace.put(Key.of("temp", accessKeyId), credential);
        return credential;
    }

    private String accountOf(String accessKeyId, @Nullable String configured) {
        if (configured != null) {
            return configured;
        }
        return isAccountId(accessKeyId) ? accessKeyId : config.defaultAccount();
    }

    /** Twelve digits: an access key that names its account (not a regex: every request asks). */
    private static boolean isAccountId(String accessKeyId) {
        if (accessKeyId.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = accessKeyId.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String randomChars(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(KEY_CHARS.charAt(RANDOM.nextInt(KEY_CHARS.length())));
        }
        return sb.toString();
    }
}
