package io.tarn.glue.engine.triggers;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.glue.engine.crawler.Crawlers;
import io.tarn.glue.engine.jobs.JobRuns;
import io.tarn.glue.engine.jobs.RunOptions;
import io.tarn.glue.model.JobRunRecord;
import io.tarn.glue.model.TriggerDefinition;
import io.tarn.glue.model.TriggerDefinition.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a trigger's actions: a job run with the action's Arguments, Timeout and SecurityConfiguration
 * (and {@code JobRun.TriggerName}), or a crawl. A start that fails (ConcurrentRunsExceededException, a
 * running crawler, a job deleted since) is logged and reported, never thrown: the other actions still run.
 */
public final class TriggerActions {

    private static final Logger log = LoggerFactory.getLogger(TriggerActions.class);

    private final JobRuns jobRuns;
    private final Crawlers crawlers;

    public TriggerActions(JobRuns jobRuns, Crawlers crawlers) {
        this.jobRuns = jobRuns;
        this.crawlers = crawlers;
    }

    /**
     * Starts every action of {@code trigger}; {@code extraArguments} (a workflow run's) are added to each job run's,
     * whose PredecessorRuns are {@code predecessors} (the job runs whose ends fired a conditional trigger).
     */
    public List<ActionStart> run(Namespace ns, TriggerDefinition trigger, Map<String, String> extraArguments,
            List<JobRunRecord.Predecessor> predecessors) {
        List<ActionStart> started = new ArrayList<>();
        for (Action action : trigger.actionList()) {
            started.add(start(ns, trigger.name(), action, extraArguments, predecessors));
        }
        return started;
    }

    private ActionStart start(Namespace ns, String triggerName, Action action, Map<String, String> extraArguments,
            List<JobRunRecord.Predecessor> predecessors) {
        boolean job = action.jobName() != null;
        String kind = job ? ActionEnd.JOB : ActionEnd.CRAWLER;
        String name = job ? action.jobName() : action.crawlerName();
        try {
            String id;
            if (job) {
                Map<String, String> arguments = new LinkedHashMap<>();
                if (action.arguments() != null) {
                    arguments.putAll(action.arguments());
                }
                arguments.putAll(extraArguments);
                id = jobRuns.start(ns, name, new RunOptions(arguments, null, action.timeout(), null, null, null, null, null,
                        action.securityConfiguration(), null, triggerName, null, predecessors)).id();
            } else {
                id = crawlers.start(ns, name).crawlId();
            }
            return new ActionStart(kind, name, triggerName, id, null);
        } catch (AwsException e) {
            log.warn("trigger {}: could not start {} {}: {}: {}", triggerName, kind.toLowerCase(java.util.Locale.ROOT), name, e.code(),
                    e.getMessage());
            return new ActionStart(kind, name, triggerName, null, e.code() + ": " + e.getMessage());
        }
    }
}
