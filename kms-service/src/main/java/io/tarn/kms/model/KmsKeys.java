package io.tarn.kms.model;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Key;

/**
 * Every store key of the kms keyspace. Per account and region: {@code key}, {@code mat} (material
 * versions), {@code policy}, {@code alias}, {@code grant}. Service-wide indexes start with a
 * component no 12-digit account can equal: {@code _audit} (time, sequence) and {@code _timer}.
 */
public final class KmsKeys {

    private static final String AUDIT = "_audit";
    private static final String TIMER = "_timer";

    private KmsKeys() {}

    public static Key keys(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "key");
    }

    public static Key key(Namespace ns, String keyId) {
        return Key.of(ns.account(), ns.region(), "key", keyId);
    }

    public static Key materials(Namespace ns, String keyId) {
        return Key.of(ns.account(), ns.region(), "mat", keyId);
    }

    public static Key material(Namespace ns, String keyId, int version) {
        return Key.of(ns.account(), ns.region(), "mat", keyId, (long) version);
    }

    public static Key policy(Namespace ns, String keyId) {
        return Key.of(ns.account(), ns.region(), "policy", keyId);
    }

    public static Key aliases(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "alias");
    }

    public static Key alias(Namespace ns, String aliasName) {
        return Key.of(ns.account(), ns.region(), "alias", aliasName);
    }

    public static Key grants(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "grant");
    }

    public static Key grants(Namespace ns, String keyId) {
        return Key.of(ns.account(), ns.region(), "grant", keyId);
    }

    public static Key grant(Namespace ns, String keyId, String grantId) {
        return Key.of(ns.account(), ns.region(), "grant", keyId, grantId);
    }

    public static Key auditLog() {
        return Key.of(AUDIT);
    }

    public static Key audit(long epochMillis, long sequence) {
        return Key.of(AUDIT, epochMillis, sequence);
    }

    public static Key timers() {
        return Key.of(TIMER);
    }

    public static Key timer(String kind, Namespace ns, String keyId) {
        return Key.of(TIMER, kind, ns.account(), ns.region(), keyId);
    }

    public static Key timer(TimerEntry entry) {
        return timer(entry.kind(), entry.namespace(), entry.keyId());
    }
}
