package io.tarn.glue.engine.workflows;

import io.tarn.glue.model.TriggerDefinition;
import io.tarn.glue.model.TriggerMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A workflow's graph, built from its triggers: a TRIGGER node for each, a JOB or CRAWLER node for each job
 * or crawler a trigger starts or watches, an edge from each trigger to what it starts, and one from each
 * watched job or crawler to the conditional trigger watching it. Node ids are stable for a name, so
 * ResumeWorkflowRun's NodeIds name the same node in every run.
 */
public record WorkflowGraph(List<Node> nodes, List<Edge> edges) {

    public static final String TRIGGER = "TRIGGER";
    public static final String JOB = "JOB";
    public static final String CRAWLER = "CRAWLER";

    /** {@code trigger} is set for TRIGGER nodes. */
    public record Node(String type, String name, String uniqueId, @Nullable TriggerMeta trigger) {}

    public record Edge(String sourceId, String destinationId) {}

    public static WorkflowGraph of(List<TriggerMeta> triggers) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        Set<Edge> edges = new LinkedHashSet<>();
        for (TriggerMeta t : triggers) {
            Node trigger = new Node(TRIGGER, t.name(), id(TRIGGER, t.name()), t);
            nodes.put(trigger.uniqueId(), trigger);
        }
        for (TriggerMeta t : triggers) {
            String triggerId = id(TRIGGER, t.name());
            for (TriggerDefinition.Action a : t.definition().actionList()) {
                Node target = node(nodes, a.jobName(), a.crawlerName());
                edges.add(new Edge(triggerId, target.uniqueId()));
            }
            for (TriggerDefinition.Condition c : t.definition().conditionList()) {
                Node source = node(nodes, c.jobName(), c.crawlerName());
                edges.add(new Edge(source.uniqueId(), triggerId));
            }
        }
        return new WorkflowGraph(List.copyOf(nodes.values()), new ArrayList<>(edges));
    }

    private static Node node(Map<String, Node> nodes, @Nullable String job, @Nullable String crawler) {
        String type = job != null ? JOB : CRAWLER;
        String name = job != null ? job : crawler;
        return nodes.computeIfAbsent(id(type, name), id -> new Node(type, name, id, null));
    }

    /** {@code wnode_<type>_<name>}: Glue's ids are opaque strings; these stay the same across runs. */
    public static String id(String type, String name) {
        return "wnode_" + type.toLowerCase(java.util.Locale.ROOT) + "_" + name;
    }

    /** The JOB and CRAWLER nodes: a run's TotalActions. */
    public long actionNodes() {
        return nodes.stream().filter(n -> !TRIGGER.equals(n.type())).count();
    }

    public @Nullable Node find(String uniqueId) {
        return nodes.stream().filter(n -> n.uniqueId().equals(uniqueId)).findFirst().orElse(null);
    }
}
