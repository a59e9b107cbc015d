package io.tarn.glue.engine.triggers;

import io.tarn.glue.model.JobRunRecord;
import io.tarn.glue.model.TriggerDefinition;
import io.tarn.glue.model.TriggerDefinition.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CONDITIONAL trigger's predicate over ended job runs and crawls: which of its conditions an end
 * meets, and whether the conditions met so far make it fire (ANY: one; AND: every one). What "so far"
 * means is the caller's: since the trigger last fired outside a workflow, within the run in a workflow.
 */
public final class Conditions {

    private Conditions() {}

    /** The indexes of the conditions of {@code trigger} that {@code end} meets. */
    public static List<Integer> metBy(TriggerDefinition trigger, ActionEnd end) {
        List<Condition> conditions = trigger.conditionList();
        List<Integer> met = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            boolean matches = end.job()
                    ? end.name().equals(c.jobName()) && end.state().equals(c.state())
                    : end.name().equals(c.crawlerName()) && end.state().equals(c.crawlState());
            if (matches) {
                met.add(i);
            }
        }
        return met;
    }

    /**
     * The job runs that met the job conditions in {@code met} (by condition index in {@code runs}), one each
     * and in condition order: the PredecessorRuns of the runs the trigger starts. Crawls are no predecessors.
     */
    public static List<JobRunRecord.Predecessor> predecessors(TriggerDefinition trigger, Set<Integer> met, Map<Integer, String> runs) {
        List<JobRunRecord.Predecessor> out = new ArrayList<>();
        List<Condition> conditions = trigger.conditionList();
        for (int i : met) {
            String job = conditions.get(i).jobName();
            String runId = runs.get(i);
            if (job != null && runId != null && !out.contains(new JobRunRecord.Predecessor(job, runId))) {
                out.add(new JobRunRecord.Predecessor(job, runId));
            }
        }
        return out;
    }

    public static boolean satisfied(TriggerDefinition trigger, Set<Integer> met) {
        int count = trigger.conditionList().size();
        if (count == 0) {
            return false;
        }
        return trigger.predicate() != null && trigger.predicate().any() ? !met.isEmpty() : met.size() >= count;
    }
}
