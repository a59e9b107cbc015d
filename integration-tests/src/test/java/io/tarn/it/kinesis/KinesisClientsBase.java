package io.tarn.it.kinesis;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Kinesis ITs' clients: opened once per test class against its server, the wire formats of
 * their traffic checked after each test ({@link KinesisClients#assertWire}), closed at the end.
 * Test classes run one after another, so one static holder serves them all.
 */
abstract class KinesisClientsBase {

    static KinesisClients clients;

    @BeforeAll
    static void openClients(URI endpoint) {
        clients = KinesisClients.open(endpoint);
    }

    @AfterEach
    void checkWire() {
        clients.assertWire();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }
}
