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
 */
public record ServiceContext(
        TarnConfig config,
        StateStore store,
        EmulatorClock clock,
        Scheduler scheduler,
        Ports ports,
        CredentialStore credentials,
        Path dataDir) {

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
