package io.tarn.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tarn.core.config.ConfiguredEventRule;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.Ports;
import io.tarn.core.spi.ports.WorkflowEventPort;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event bus: the init file's rules matched by EventBridge's patterns, per account and region, and their targets. */
class EventBusTest {

    private static final Namespace HOME = new Namespace("000000000000", "us-east-1");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> told = new ArrayList<>();
    private final Ports ports = new Ports();

    EventBusTest() {
        ports.register(WorkflowEventPort.class, (ns, workflow, eventId) -> {
            if (workflow.equals("gone")) {
                throw new AwsException(io.tarn.core.error.ErrorCode.of("EntityNotFoundException", 400), "Entity Not Found");
            }
            if (workflow.equals("broken")) {
                throw new AwsException(io.tarn.core.error.ErrorCode.of("InternalServiceException", 500), "try again");
            }
            told.add(ns.account() + "/" + ns.region() + "/" + workflow + "/" + eventId);
        });
    }

    private static ConfiguredEventRule rule(String name, String account, String pattern, String... targets) throws Exception {
        return new ConfiguredEventRule(name, account, null, JSON.readTree(pattern), List.of(targets));
    }

    private static String created(String id, String bucket, String key) {
        return "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\","
                + "\"account\":\"000000000000\",\"time\":\"2026-12-06T10:00:00Z\",\"region\":\"us-east-1\","
                + "\"resources\":[\"arn:aws:s3:::" + bucket + "\"],\"detail\":{\"version\":\"0\",\"bucket\":{\"name\":\"" + bucket
                + "\"},\"object\":{\"key\":\"" + key + "\",\"size\":5},\"reason\":\"PutObject\"}}";
    }

    @Test
    void aRuleWhosePatternMatchesSendsTheEventToItsTargetsOnItsOwnBusOnly() throws Exception {
        EventBus bus = new EventBus(List.of(
                rule("csv", null, "{\"source\":[\"aws.s3\"],\"detail\":{\"object\":{\"key\":[{\"suffix\":\".csv\"}]}}}",
                        "arn:aws:glue:us-east-1:000000000000:workflow/ingest", "arn:aws:glue:eu-west-1:000000000000:workflow/copy"),
                rule("big", null, "{\"detail\":{\"object\":{\"size\":[{\"numeric\":[\">\",100]}]}}}",
                        "arn:aws:glue:us-east-1:000000000000:workflow/big"),
                rule("other-account", "111111111111", "{\"source\":[\"aws.s3\"]}", "arn:aws:glue:us-east-1:111111111111:workflow/x")),
                "000000000000", "us-east-1", ports);

        assertThat(bus.put(HOME, created("e1", "raw", "in/a.csv"))).containsExactly("csv");
        assertThat(told).containsExactly("000000000000/us-east-1/ingest/e1", "000000000000/eu-west-1/copy/e1");
        assertThat(bus.put(HOME, created("e2", "raw", "in/a.json"))).isEmpty();
        assertThat(bus.put(new Namespace("000000000000", "eu-west-1"), created("e3", "raw", "in/a.csv"))).isEmpty();
        assertThat(told).hasSize(2);
    }

    @Test
    void aTargetThatIsGoneIsSkippedAndOtherFailuresAreThrownForTheSenderToRetry() throws Exception {
        EventBus bus = new EventBus(List.of(
                rule("all", null, "{\"source\":[\"aws.s3\"]}", "arn:aws:glue:us-east-1:000000000000:workflow/gone",
                        "arn:aws:glue:us-east-1:000000000000:workflow/ingest")),
                "000000000000", "us-east-1", ports);
        assertThat(bus.put(HOME, created("e1", "raw", "a"))).containsExactly("all");
        assertThat(told).containsExactly("000000000000/us-east-1/ingest/e1");

        EventBus failing = new EventBus(List.of(rule("all", null, "{\"source\":[\"aws.s3\"]}",
                "arn:aws:glue:us-east-1:000000000000:workflow/broken")), "000000000000", "us-east-1", ports);
        assertThatThrownBy(() -> failing.put(HOME, created("e2", "raw", "a"))).isInstanceOf(AwsException.class).hasMessage("try again");
    }

    @Test
    void malformedPatternsUnknownTargetsAndDuplicateNamesStopTheStart() throws Exception {
        assertThatThrownBy(() -> new EventBus(List.of(rule("bad", null, "{\"source\":\"aws.s3\"}",
                "arn:aws:glue:us-east-1:000000000000:workflow/w")), "000000000000", "us-east-1", ports))
                .hasMessageContaining("eventPattern of bad");
        assertThatThrownBy(() -> new EventBus(List.of(rule("q", null, "{\"source\":[\"aws.s3\"]}",
                "arn:aws:sqs:us-east-1:000000000000:queue")), "000000000000", "us-east-1", ports))
                .hasMessageContaining("must be a Glue workflow, Kinesis stream or Firehose delivery stream ARN");
        ConfiguredEventRule one = rule("same", null, "{\"source\":[\"aws.s3\"]}", "arn:aws:glue:us-east-1:000000000000:workflow/w");
        assertThatThrownBy(() -> new EventBus(List.of(one, one), "000000000000", "us-east-1", ports)).hasMessageContaining("two rules named same");
        // a pattern may also be given as JSON text
        EventBus fromText = new EventBus(List.of(new ConfiguredEventRule("text", null, null, new TextNode("{\"source\":[\"aws.s3\"]}"),
                List.of("arn:aws:glue:us-east-1:000000000000:workflow/w"))), "000000000000", "us-east-1", ports);
        assertThat(fromText.put(HOME, created("e1", "raw", "a"))).containsExactly("text");
    }
}
