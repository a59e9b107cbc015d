package io.tarn.glue.engine.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.glue.model.JobDefinition;
import io.tarn.glue.model.JobDefinition.Command;
import org.junit.jupiter.api.Test;

/** CreateJob's checks and defaults, as the Glue API reference states them for JobCommand, MaxCapacity, WorkerType and Timeout. */
class JobRulesTest {

    static JobDefinition job(String command, String glueVersion, String workerType, Integer workers, Double maxCapacity,
            Integer timeout) {
        return new JobDefinition("j", null, null, null, null, "role", null, new Command(command, "s3://b/s.py", null, null), null,
                null, null, null, null, timeout, maxCapacity, null, null, null, glueVersion, workers, workerType, null, null, null, null);
    }

    @Test
    void pythonShellJobsGetAwsDefaults() {
        JobDefinition d = JobRules.checked(job("pythonshell", null, null, null, null, null));
        assertThat(d.maxCapacity()).isEqualTo(0.0625);
        assertThat(d.command().pythonVersion()).isEqualTo("3");
        assertThat(d.timeout()).isEqualTo(2880);
        assertThat(d.maxConcurrentRuns()).isEqualTo(1);
        assertThat(d.maxRetries()).isZero();
        assertThat(d.jobMode()).isEqualTo("SCRIPT");
        assertThat(d.executionClass()).isNull();
    }

    @Test
    void sparkJobsDefaultToTenDpusOrTenWorkersFromGlue2() {
        assertThat(JobRules.checked(job("glueetl", null, null, null, null, null)).maxCapacity()).isEqualTo(10.0);
        JobDefinition glue4 = JobRules.checked(job("glueetl", "4.0", null, null, null, null));
        assertThat(glue4.workerType()).isEqualTo("G.1X");
        assertThat(glue4.numberOfWorkers()).isEqualTo(10);
        assertThat(glue4.executionClass()).isEqualTo("STANDARD");
        assertThat(JobRules.checked(job("glueetl", "5.0", "G.1X", 2, null, null)).timeout()).isEqualTo(480);
    }

    @Test
    void capacityRulesAreAws() {
        assertInvalid(job("pythonshell", null, null, null, 2.0, null), "0.0625 or 1");
        assertInvalid(job("glueetl", "4.0", "G.1X", null, null, null), "Please set both Worker Type and Number of Workers.");
        assertInvalid(job("glueetl", "4.0", "G.1X", 2, 10.0, null), "Please do not set Max Capacity");
        assertInvalid(job("glueetl", "4.0", null, null, 10.0, null), "Glue version 2.0 or later");
        assertInvalid(job("glueetl", "4.0", "G.1X", 1, null, null), "minimum allowed value of Number of Workers is 2");
        assertInvalid(job("glueetl", null, null, null, 1.5, null), "from 2 to 100");
        assertThat(JobRules.checked(job("pythonshell", null, null, null, 1.0, null)).maxCapacity()).isEqualTo(1.0);
    }

    @Test
    void commandTimeoutAndExecutionClassAreChecked() {
        assertInvalid(job("spark", null, null, null, null, null), "Command name should be one of");
        assertInvalid(job("glueetl", null, null, null, null, 10080), "less than 7 days");
        assertThatThrownBy(() -> JobRules.checked(job("glueetl", null, null, null, null, 0)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> JobRules.executionClass("FLEX", "pythonshell", "3.0")).hasMessageContaining("FLEX");
        assertThat(JobRules.executionClass("FLEX", "glueetl", "3.0")).isEqualTo("FLEX");
        assertInvalid(job("pythonshell", "4.0", null, null, null, null), "Glue versions 1.0 and 3.0");
    }

    private static void assertInvalid(JobDefinition d, String message) {
        assertThatThrownBy(() -> JobRules.checked(d)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidInputException");
            assertThat(e.getMessage()).contains(message);
        });
    }
}
