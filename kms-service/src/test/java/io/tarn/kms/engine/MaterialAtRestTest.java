package io.tarn.kms.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.kms.model.KeyMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MaterialAtRestTest extends EngineFixture {

    @Test
    void keyMaterialNeverReachesTheStoreInPlaintext() throws IOException {
        KeyMeta symmetric = symmetricKey();
        KeyMeta hmac = key("GENERATE_VERIFY_MAC", "HMAC_256");
        KeyMeta rsa = key("SIGN_VERIFY", "RSA_2048");
        rotation().rotateOnDemand(NS, symmetric.keyId());
        CryptoEngine.DataKey dataKey = crypto().generateDataKey(use(), symmetric.keyId(), null, null, "AES_256", "GenerateDataKey");
        KeyMeta current = keys().find(NS, symmetric.keyId());

        List<byte[]> secrets = new ArrayList<>();
        secrets.add(engine.vault().load(current, 1).secret().getEncoded());
        secrets.add(engine.vault().load(current, 2).secret().getEncoded());
        secrets.add(engine.vault().current(hmac).secret().getEncoded());
        secrets.add(engine.vault().current(rsa).privateKey().getEncoded());
        secrets.add(dataKey.plaintext());
        secrets.forEach(s -> assertThat(s.length).isGreaterThanOrEqualTo(32));

        // the material decrypts what the engine encrypted: it is the real material
        assertThat(crypto().decrypt(use(), dataKey.ciphertextBlob(), Map.of(), null, null).plaintext())
                .isEqualTo(dataKey.plaintext());

        closeEngine(); // flushes memtables and WAL to the files
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir.resolve("db"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        // positive control: what is stored in the clear (the key id) is found by the same scan
        byte[] keyId = symmetric.keyId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(files.stream().anyMatch(f -> {
            try {
                return indexOf(Files.readAllBytes(f), keyId) >= 0;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })).isTrue();
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            for (byte[] secret : secrets) {
                assertThat(indexOf(content, secret)).as("secret bytes in %s", file).isEqualTo(-1);
            }
        }
        // and the store still opens with the master key and decrypts
        openEngine();
        assertThat(crypto().decrypt(use(), dataKey.ciphertextBlob(), Map.of(), null, null).plaintext())
                .isEqualTo(dataKey.plaintext());
    }

    @Test
    void theMasterKeyFileIsOwnerOnly() throws IOException {
        Path file = dir.resolve("kms/master.key");
        assertThat(Files.size(file)).isEqualTo(32);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
        byte[] wrapped = io.tarn.core.store.MasterKey.loadOrCreate(file).wrap(new byte[] {1, 2, 3}, new byte[] {9});
        assertThat(io.tarn.core.store.MasterKey.loadOrCreate(file).unwrap(wrapped, new byte[] {9})).containsExactly(1, 2, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> io.tarn.core.store.MasterKey.loadOrCreate(file).unwrap(wrapped, new byte[] {8}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withAnotherMasterKeyTheMaterialDoesNotOpen() throws IOException {
        KeyMeta key = symmetricKey();
        byte[] blob = crypto().encrypt(use(), key.keyId(), new byte[] {7}, null, null).ciphertextBlob();
        closeEngine();
        Files.delete(dir.resolve("kms/master.key"));
        openEngine();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> crypto().decrypt(use(), blob, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
