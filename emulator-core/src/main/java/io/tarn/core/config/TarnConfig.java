package io.tarn.core.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one server. Built by the CLI (flags over {@code TARN_*} environment variables
 * over defaults) or by the test support's builder.
 *
 * @param tls whether the port also takes TLS connections (HTTP/1.1 and HTTP/2 by ALPN)
 * @param adminToken in strict mode, a bearer token that may change state through the admin API
 *     (besides requests signed by a known key); null when none was given
 * @param extra service-specific settings by name ({@code kinesis.throttling}), for options that
 *     belong to one service only
 */
public record TarnConfig(
        String host,
        int port,
        Path dataDir,
        boolean ephemeral,
        double timeScale,
        String defaultAccount,
        String defaultRegion,
        AuthMode authMode,
        boolean fsync,
        boolean tls,
        InitFile initFile,
        @Nullable String adminToken,
        Map<String, String> extra) {

    public static final int DEFAULT_PORT = 4566;
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";

    public TarnConfig {
        Objects.requireNonNull(host);
        Objects.requireNonNull(dataDir);
        Objects.requireNonNull(authMode);
        Objects.requireNonNull(initFile);
        if (!defaultAccount.matches("\\d{12}")) {
            throw new IllegalArgumentException("the account id must be 12 digits, got " + defaultAccount);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        extra = Map.copyOf(extra);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String extra(String name, String defaultValue) {
        return extra.getOrDefault(name, defaultValue);
    }

    /** Builder for tests and embedding: every setting has the CLI's default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private Path dataDir = Path.of("tarn-data");
        private boolean ephemeral;
        private double timeScale = 1;
        private String defaultAccount = DEFAULT_ACCOUNT;
        private String defaultRegion = DEFAULT_REGION;
        private AuthMode authMode = AuthMode.LENIENT;
        private boolean fsync;
        private boolean tls;
        private InitFile initFile = InitFile.EMPTY;
        private @Nullable String adminToken;
        private final Map<String, String> extra = new HashMap<>();

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder ephemeral(boolean ephemeral) {
            this.ephemeral = ephemeral;
            return this;
        }

        public Builder timeScale(double timeScale) {
            this.timeScale = timeScale;
            return this;
        }

        public Builder defaultAccount(String account) {
            this.defaultAccount = account;
            return this;
        }

        public Builder defaultRegion(String region) {
            this.defaultRegion = region;
            return this;
        }

        public Builder authMode(AuthMode authMode) {
            this.authMode = authMode;
            return this;
        }

        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        public Builder initFile(InitFile initFile) {
            this.initFile = initFile;
            return this;
        }

        public Builder adminToken(@Nullable String adminToken) {
            this.adminToken = adminToken == null || adminToken.isEmpty() ? null : adminToken;
            return this;
        }

        public Builder extra(String name, String value) {
            extra.put(name, value);
            return this;
        }

        public TarnConfig build() {
            return new TarnConfig(host, port, dataDir, ephemeral, timeScale, defaultAccount, defaultRegion, authMode,
                    fsync, tls, initFile, adminToken, extra);
        }
    }
}
