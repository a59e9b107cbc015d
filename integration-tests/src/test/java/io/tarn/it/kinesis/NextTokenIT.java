package io.tarn.it.kinesis;

import static io.tarn.it.kinesis.KinesisSupport.assertKinesisError;
import static io.tarn.it.kinesis.KinesisSupport.createStream;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListStreamConsumersResponse;

/** NextTokens are authenticated and scoped: a token resumes its own listing and no other, and a forged one is refused. */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--kinesis-throttling", "off"})
class NextTokenIT extends KinesisClientsBase {

    @BothProtocols
    void aTokenResumesOnlyTheListingItWasIssuedFor(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String a = createStream(kinesis, wire.name("tokens-a"), 2);
        String b = createStream(kinesis, wire.name("tokens-b"), 2);
        for (String consumer : new String[] {"c1", "c2", "c3"}) {
            kinesis.registerStreamConsumer(r -> r.streamARN(a).consumerName(consumer));
            kinesis.registerStreamConsumer(r -> r.streamARN(b).consumerName(consumer));
        }
        ListStreamConsumersResponse first = kinesis.listStreamConsumers(r -> r.streamARN(a).maxResults(1));
        String token = first.nextToken();
        assertThat(kinesis.listStreamConsumers(r -> r.streamARN(a).nextToken(token)).consumers()).hasSize(2);

        // stream b's consumers, ListShards and ListStreams refuse stream a's consumer token
        assertKinesisError(() -> kinesis.listStreamConsumers(r -> r.streamARN(b).nextToken(token)), "InvalidArgumentException");
        assertKinesisError(() -> kinesis.listShards(r -> r.nextToken(token)), "InvalidArgumentException");
        assertKinesisError(() -> kinesis.listStreams(r -> r.nextToken(token)), "InvalidArgumentException");

        // a token naming a position, but not issued by the server, is refused
        String forged = Base64.getUrlEncoder().encodeToString(("shards/000000000000/us-east-1\nshardId-000000000000/"
                + wire.name("tokens-a") + "\n0").getBytes(StandardCharsets.UTF_8));
        assertKinesisError(() -> kinesis.listShards(r -> r.nextToken(forged)), "InvalidArgumentException");
        String shards = kinesis.listShards(r -> r.streamARN(a).maxResults(1)).nextToken();
        assertThat(kinesis.listShards(r -> r.nextToken(shards)).shards()).hasSize(1);
        // API_ListShards.html: the token identifies the stream, so naming it too is refused, in AWS's words
        assertKinesisError(() -> kinesis.listShards(r -> r.nextToken(shards).streamName(wire.name("tokens-a"))),
                "InvalidArgumentException", "NextToken and StreamName cannot be provided together.");
        assertKinesisError(() -> kinesis.listShards(r -> r.nextToken(shards).exclusiveStartShardId("shardId-000000000000")),
                "InvalidArgumentException", "NextToken and ExclusiveStartShardId cannot be provided together.");
    }
}
