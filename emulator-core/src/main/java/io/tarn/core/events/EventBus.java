package io.tarn.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.config.ConfiguredEventRule;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.Ports;
import io.tarn.core.spi.ports.DeliveryStreamPort;
import io.tarn.core.spi.ports.EventBusPort;
import io.tarn.core.spi.ports.StreamPort;
import io.tarn.core.spi.ports.WorkflowEventPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

/**
 * The default event buses: the init file's rules, compiled once into one event-ruler
 * {@link Machine} (the matcher EventBridge's patterns are defined by), and their targets reached
 * through the services' ports. A rule belongs to one account's bus in one region: an event put on
 * another bus does not reach it, though its pattern matches.
 */
public final class EventBus implements EventBusPort {

    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Rule(String name, Namespace bus, List<EventTarget> targets) {}

    /** Null without rules: loading event-ruler's matcher costs start-up some 20 ms, for nothing then. */
    private final @Nullable Machine machine;
    private final Map<String, Rule> rules = new HashMap<>();
    private final Ports ports;

    /** Compiles the rules; a malformed pattern or a target of no known kind stops the start. */
    public EventBus(List<ConfiguredEventRule> configured, String defaultAccount, String defaultRegion, Ports ports) {
        this.ports = ports;
        this.machine = configured.isEmpty() ? null : new Machine();
        for (ConfiguredEventRule r : configured) {
            Namespace bus = new Namespace(r.account() != null ? r.account() : defaultAccount,
                    r.region() != null ? r.region() : defaultRegion);
            String id = bus.account() + "/" + bus.region() + "/" + r.name();
            if (rules.containsKey(id)) {
                throw new IllegalArgumentException("eventRules: two rules named " + r.name() + " on the bus of " + bus);
            }
            List<EventTarget> targets = r.targets().stream().map(arn -> EventTarget.parse(r.name(), arn)).toList();
            String pattern = r.eventPattern().isTextual() ? r.eventPattern().asText() : r.eventPattern().toString();
            try {
                machine.addRule(id, pattern);
            } catch (IOException | RuntimeException e) {
                String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse(""); // without the parser's location lines
                throw new IllegalArgumentException("eventRules: the eventPattern of " + r.name() + " is not valid: " + reason, e);
            }
            rules.put(id, new Rule(r.name(), bus, targets));
        }
    }

    @Override
    public List<String> put(Namespace ns, String eventJson) {
        if (machine == null) {
            return List.of();
        }
        JsonNode event;
        try {
            event = JSON.readTree(eventJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("an event that is not JSON: " + e.getMessage(), e);
        }
        String eventId = event.path("id").asText();
        List<String> matched = new ArrayList<>();
        for (String id : machine.rulesForEvent(event)) {
            Rule rule = rules.get(id);
            if (!rule.bus().equals(ns)) {
                continue;
            }
            matched.add(rule.name());
            for (EventTarget target : rule.targets()) {
                try {
                    deliver(target, eventId, eventJson);
                } catch (AwsException e) {
                    if (!e.code().endsWith("NotFoundException")) {
                        throw e;
                    }
                    // EventBridge gives up on a target that is gone; so does Tarn, saying so
                    log.warn("event {} of rule {}: target {} does not exist ({}); skipped", eventId, rule.name(), target.arn(),
                            e.getMessage());
                }
            }
        }
        log.debug("event {} ({} from {}) matched {}", eventId, event.path("detail-type").asText(), event.path("source").asText(),
                matched);
        return matched;
    }

    private void deliver(EventTarget target, String eventId, String eventJson) {
        byte[] bytes = eventJson.getBytes(StandardCharsets.UTF_8);
        switch (target.kind()) {
            case GLUE_WORKFLOW -> ports.require(WorkflowEventPort.class).notifyEvent(target.ns(), target.name(), eventId);
            // EventBridge's partition key for a Kinesis target, unless a path is set: the event id
            case KINESIS_STREAM -> ports.require(StreamPort.class).putRecord(target.ns(), target.name(), eventId, bytes);
            case FIREHOSE_STREAM -> ports.require(DeliveryStreamPort.class).putRecord(target.ns(), target.name(), bytes);
        }
    }
}
