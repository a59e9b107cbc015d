package io.tarn.core.spi;

import io.tarn.core.auth.CredentialStore;
import io.tarn.core.config.TarnConfig;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import java.nio.file.Path;

/**
 * What a service gets at start: the shared store, the emulator clock and its scheduler, the
 * ports of other services, the credentials, its own folder for files, and the settings.
 *
 * @param endpoint Tarn's own address ({@code http://127.0.0.1:4566}), known once the port is bound
 *     (services start meanwhile): what a service hands the processes it starts (Glue job runs)
 */
public record ServiceContext(
        TarnConfig config,
        StateStore store,
        EmulatorClock clock,
        Scheduler scheduler,
        Ports ports,
        CredentialStore credentials,
        Path dataDir,
        java.util.function.Supplier<java.net.URI> endpoint) {

    /** The identities with identity-based policies (the init file's users and roles), for authorization. */
    public io.tarn.core.iam.Identities identities() {
        return credentials.identities();
    }

    /** The service's own folder under the data dir (blobs, master keys), created on demand. */
    public Path serviceDir(String service) {
        Path dir = dataDir.resolve(service);
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir, e);
        }
        return dir;
    }
}
