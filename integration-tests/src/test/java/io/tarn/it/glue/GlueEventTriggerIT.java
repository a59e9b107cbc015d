package io.tarn.it.glue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.it.AdminCalls;
import io.tarn.it.Scripts;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.TriggerType;
import software.amazon.awssdk.services.glue.model.WorkflowRun;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EventBridgeConfiguration;

/**
 * Glue EVENT triggers fed by S3 through the event bus, with the SDK v2: a bucket sends its events to
 * EventBridge ({@code EventBridgeConfiguration}), the init file's event rules send the matching ones to
 * Glue workflows and to a Kinesis stream, and each workflow's EVENT trigger starts a run once its
 * batch is full or its window has passed on the emulator clock, also across a {@code kill -9}.
 */
class GlueEventTriggerIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/AWSGlueServiceRole-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path config = dir.resolve("tarn.yaml");
        Files.writeString(config, """
                eventRules:
                  - name: batched-uploads
                    eventPattern: {source: [aws.s3], detail-type: [Object Created], detail: {bucket: {name: [it-ev-raw]}, object: {key: [{prefix: "size/"}]}}}
                    targets: [arn:aws:glue:us-east-1:000000000000:workflow/it-ev-size]
                  - name: windowed-uploads
                    eventPattern: {source: [aws.s3], detail-type: [Object Created], detail: {bucket: {name: [it-ev-raw]}, object: {key: [{prefix: "window/"}]}}}
                    targets: [arn:aws:glue:us-east-1:000000000000:workflow/it-ev-window]
                  - name: py-ev-uploads
                    eventPattern: {source: [aws.s3], detail-type: [Object Created], detail: {bucket: {name: [py-ev-raw]}, object: {key: [{prefix: "in/"}]}}}
                    targets: [arn:aws:glue:us-east-1:000000000000:workflow/py-ev-flow]
                  - name: cli-ev-uploads
                    eventPattern: {source: [aws.s3], detail-type: [Object Created], detail: {bucket: {name: [cli-ev-raw]}}}
                    targets: [arn:aws:glue:us-east-1:000000000000:workflow/cli-ev-flow]
                  - name: deletions
                    eventPattern: {source: [aws.s3], detail-type: [Object Deleted]}
                    targets: [arn:aws:kinesis:us-east-1:000000000000:stream/it-ev-deletions]
                """);
        return config;
    }

    @Test
    void s3EventsStartAWorkflowWhenTheBatchIsFullOrItsWindowEndsAndReachAKinesisStream() throws Exception {
        Scripts.requireClient(List.of("python3", "--version"), "python3");
        try (TarnProcess tarn = TarnProcess.start(dir.resolve("data"), "--config", config().toString())) {
            URI endpoint = tarn.endpoint();
            try (S3Client s3 = TarnServerExtension.client(S3Client.class, endpoint);
                    GlueClient glue = TarnServerExtension.client(GlueClient.class, endpoint);
                    KinesisClient kinesis = TarnServerExtension.client(KinesisClient.class, endpoint)) {
                kinesis.createStream(b -> b.streamName("it-ev-deletions").shardCount(1));
                kinesis.waiter().waitUntilStreamExists(b -> b.streamName("it-ev-deletions"));
                s3.createBucket(b -> b.bucket("it-ev-raw"));
                s3.putBucketNotificationConfiguration(b -> b.bucket("it-ev-raw")
                        .notificationConfiguration(n -> n.eventBridgeConfiguration(EventBridgeConfiguration.builder().build())));
                assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket("it-ev-raw")).eventBridgeConfiguration()).isNotNull();
                s3.createBucket(b -> b.bucket("it-ev-scripts"));
                s3.putObject(b -> b.bucket("it-ev-scripts").key("noop.py"), RequestBody.fromString("print('batch handled')\n"));
                glue.createJob(b -> b.name("it-ev-job").role(ROLE)
                        .command(c -> c.name("pythonshell").scriptLocation("s3://it-ev-scripts/noop.py").pythonVersion("3.9")));
                glue.createWorkflow(b -> b.name("it-ev-size"));
                glue.createTrigger(b -> b.name("it-ev-size-go").workflowName("it-ev-size").type(TriggerType.EVENT)
                        .eventBatchingCondition(c -> c.batchSize(3).batchWindow(900)).actions(a -> a.jobName("it-ev-job"))
                        .startOnCreation(true));
                glue.createWorkflow(b -> b.name("it-ev-window"));
                glue.createTrigger(b -> b.name("it-ev-window-go").workflowName("it-ev-window").type(TriggerType.EVENT)
                        .eventBatchingCondition(c -> c.batchSize(100).batchWindow(60)).actions(a -> a.jobName("it-ev-job"))
                        .startOnCreation(true));

                // the batch size: two uploads wait, the third starts a run that names all three events
                put(s3, "size/a.csv");
                put(s3, "size/b.csv");
                put(s3, "other/ignored.csv"); // no rule matches it
                awaitDelivered(endpoint);
                assertThat(glue.getWorkflowRuns(b -> b.name("it-ev-size")).runs()).isEmpty();
                put(s3, "size/c.csv");
                WorkflowRun bySize = awaitRuns(glue, "it-ev-size", 1).get(0);
                assertThat(bySize.startingEventBatchCondition().batchSize()).isEqualTo(3);
                assertThat(bySize.startingEventBatchCondition().batchWindow()).isZero();
                JsonNode ids = JSON.readTree(bySize.workflowRunProperties().get("aws:eventIds"));
                assertThat(ids).hasSize(3);
                assertThat(glue.getWorkflowRunProperties(b -> b.name("it-ev-size").runId(bySize.workflowRunId())).runProperties())
                        .containsKey("aws:eventIds");
                assertThat(glue.getWorkflowRun(b -> b.name("it-ev-size").runId(bySize.workflowRunId()).includeGraph(true))
                        .run().statistics().totalActions()).isEqualTo(1);

                // the window: one upload waits 60 s of emulator time, also across a kill -9
                put(s3, "window/one.csv");
                awaitDelivered(endpoint);
                AdminCalls.changeClock(endpoint, "{\"advance\":\"PT30S\"}");
                assertThat(glue.getWorkflowRuns(b -> b.name("it-ev-window")).runs()).isEmpty();
                tarn.kill();
                tarn.restart();
            }
            endpoint = tarn.endpoint(); // the restarted server's port
            try (S3Client s3 = TarnServerExtension.client(S3Client.class, endpoint);
                    GlueClient glue = TarnServerExtension.client(GlueClient.class, endpoint);
                    KinesisClient kinesis = TarnServerExtension.client(KinesisClient.class, endpoint)) {
                assertThat(glue.getWorkflowRuns(b -> b.name("it-ev-window")).runs()).isEmpty();
                AdminCalls.changeClock(endpoint, "{\"advance\":\"PT31S\"}");
                WorkflowRun byWindow = awaitRuns(glue, "it-ev-window", 1).get(0);
                assertThat(byWindow.startingEventBatchCondition().batchWindow()).isEqualTo(60);
                assertThat(byWindow.startingEventBatchCondition().batchSize()).isZero();
                assertThat(JSON.readTree(byWindow.workflowRunProperties().get("aws:eventIds"))).hasSize(1);

                // a rule with a Kinesis target: the event in EventBridge's envelope, partitioned by its id
                s3.deleteObject(b -> b.bucket("it-ev-raw").key("other/ignored.csv"));
                Record record = awaitRecord(kinesis, "it-ev-deletions");
                JsonNode event = JSON.readTree(record.data().asUtf8String());
                assertThat(event.get("source").asText()).isEqualTo("aws.s3");
                assertThat(event.get("detail-type").asText()).isEqualTo("Object Deleted");
                assertThat(event.get("account").asText()).isEqualTo("000000000000");
                assertThat(event.get("region").asText()).isEqualTo("us-east-1");
                assertThat(event.get("resources").get(0).asText()).isEqualTo("arn:aws:s3:::it-ev-raw");
                assertThat(record.partitionKey()).isEqualTo(event.get("id").asText());
                JsonNode detail = event.get("detail");
                assertThat(detail.get("bucket").get("name").asText()).isEqualTo("it-ev-raw");
                assertThat(detail.get("object").get("key").asText()).isEqualTo("other/ignored.csv");
                assertThat(detail.get("reason").asText()).isEqualTo("DeleteObject");
                assertThat(detail.get("deletion-type").asText()).isEqualTo("Permanently Deleted");
                assertThat(glue.getWorkflowRuns(b -> b.name("it-ev-size")).runs()).hasSize(1); // deletions matched no workflow's rule
            }
        }
    }

    @Test
    void boto3AndTheAwsCliDriveTheSameFlow() throws Exception {
        Scripts.requireClient(List.of("python3", "-c", "import boto3"), "python3 with boto3");
        try (TarnProcess tarn = TarnProcess.start(dir.resolve("data"), "--config", config().toString())) {
            Scripts.assertRuns(List.of("python3", Scripts.script("glue_event_trigger_boto3.py"), tarn.endpoint().toString()), 240);
            Scripts.requireClient(List.of("aws", "--version"), "the AWS CLI");
            Scripts.assertRuns(List.of("bash", Scripts.script("glue_event_trigger_cli_check.sh"), tarn.endpoint().toString()), 240);
        }
    }

    private static void put(S3Client s3, String key) {
        s3.putObject(b -> b.bucket("it-ev-raw").key(key), RequestBody.fromString("id\n1\n"));
    }

    /** Waits until S3's outbox has sent every event (to the bus, which hands them on before it answers). */
    private static void awaitDelivered(URI endpoint) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (AdminCalls.send(endpoint, "GET", "/_tarn/s3/notifications", "").body().contains("\"pending\":[]")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("S3's events were not delivered");
    }

    private static List<WorkflowRun> awaitRuns(GlueClient glue, String workflow, int count) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            List<WorkflowRun> runs = glue.getWorkflowRuns(b -> b.name(workflow)).runs();
            if (runs.size() >= count) {
                return runs;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("workflow " + workflow + " did not run " + count + " times");
    }

    private static Record awaitRecord(KinesisClient kinesis, String stream) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            List<Record> all = new ArrayList<>();
            for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
                String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                all.addAll(kinesis.getRecords(b -> b.shardIterator(iterator)).records());
            }
            if (!all.isEmpty()) {
                return all.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no record reached " + stream);
    }
}
