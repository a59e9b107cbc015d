package io.tarn.s3.engine;

import io.tarn.core.error.ErrorCode;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.KeyServicePort;
import io.tarn.core.store.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The KMS port for S3's engine tests (KMS itself is another service, tested on its own and in the
 * ITs): each key a real AES key that seals data keys with their encryption context as AAD, keys
 * that can be disabled (DisabledException, as KMS answers), and a log of calls with their contexts.
 */
final class TestKeyService implements KeyServicePort {

    record Call(String operation, String keyArn, Map<String, String> context) {}

    private static final ErrorCode DISABLED = ErrorCode.of("DisabledException");
    private static final ErrorCode NOT_FOUND = ErrorCode.of("NotFoundException");

    private final Map<String, MasterKey> keys = new ConcurrentHashMap<>();
    private final Set<String> disabled = new HashSet<>();
    final List<Call> calls = new ArrayList<>();

    /** Creates a key in {@code ns}; returns its ARN. {@code alias/aws/s3} is created on first use. */
    String createKey(Namespace ns, String id) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String arn = ns.arn("kms", "key/" + id);
        keys.put(arn, MasterKey.of(raw));
        return arn;
    }

    synchronized void disable(String arn) {
        disabled.add(arn);
    }

    synchronized void enable(String arn) {
        disabled.remove(arn);
    }

    synchronized long count(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).count();
    }

    @Override
    public synchronized ResolvedKey resolve(Namespace namespace, String keyIdOrAlias) {
        String arn = keyIdOrAlias.startsWith("arn:") ? keyIdOrAlias : namespace.arn("kms", keyIdOrAlias.equals("alias/aws/s3")
                ? "key/aws-s3" : keyIdOrAlias.startsWith("alias/") ? keyIdOrAlias : "key/" + keyIdOrAlias);
        if (keyIdOrAlias.equals("alias/aws/s3") && !keys.containsKey(arn)) {
            createKey(namespace, "aws-s3");
        }
        if (!keys.containsKey(arn)) {
            throw NOT_FOUND.exception("Key '%s' does not exist", arn);
        }
        if (disabled.contains(arn)) {
            throw DISABLED.exception("%s is disabled.", arn);
        }
        return new ResolvedKey(arn.substring(arn.lastIndexOf('/') + 1), arn);
    }

    @Override
    public synchronized DataKey generateDataKey(Namespace namespace, String keyIdOrAlias, Map<String, String> context, String principal) {
        ResolvedKey key = resolve(namespace, keyIdOrAlias);
        byte[] plaintext = new byte[32];
        new SecureRandom().nextBytes(plaintext);
        byte[] sealed = keys.get(key.arn()).wrap(plaintext, aad(context));
        calls.add(new Call("GenerateDataKey", key.arn(), Map.copyOf(context)));
        byte[] arn = key.arn().getBytes(StandardCharsets.UTF_8);
        byte[] blob = new byte[1 + arn.length + sealed.length];
        blob[0] = (byte) arn.length;
        System.arraycopy(arn, 0, blob, 1, arn.length);
        System.arraycopy(sealed, 0, blob, 1 + arn.length, sealed.length);
        return new DataKey(key.keyId(), key.arn(), plaintext, blob);
    }

    @Override
    public synchronized byte[] decrypt(Namespace namespace, byte[] blob, Map<String, String> context, String principal) {
        String arn = new String(blob, 1, blob[0], StandardCharsets.UTF_8);
        resolve(namespace, arn);
        calls.add(new Call("Decrypt", arn, Map.copyOf(context)));
        byte[] sealed = java.util.Arrays.copyOfRange(blob, 1 + blob[0], blob.length);
        return keys.get(arn).unwrap(sealed, aad(context));
    }

    private static byte[] aad(Map<String, String> context) {
        return new java.util.TreeMap<>(context).toString().getBytes(StandardCharsets.UTF_8);
    }
}
