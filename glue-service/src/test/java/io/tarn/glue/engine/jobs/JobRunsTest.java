package io.tarn.glue.engine.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.glue.engine.Catalog;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.JobBookmarkMeta;
import io.tarn.glue.model.JobDefinition;
import io.tarn.glue.model.JobDefinition.Command;
import io.tarn.glue.model.JobDefinition.ExecutionProperty;
import io.tarn.glue.model.JobRunRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job runs' states on the emulator clock with a real store: the launcher is scripted (the test says when
 * a run's work ends), so every transition is deterministic; ProcessLauncherTest runs real processes.
 */
class JobRunsTest {

    private static final Namespace NS = new Namespace("000000000000", "us-east-1");
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path dir;
    private EmulatorClock clock;
    private Scheduler scheduler;
    private StateStore store;
    private Jobs jobs;
    private JobBookmarks bookmarks;
    private JobRuns runs;
    private final ScriptedLauncher launcher = new ScriptedLauncher();
    private final List<String> seen = new ArrayList<>();

    /** Runs' work that the test ends: each launch is kept until {@link #end} (or a kill) ends it. */
    static final class ScriptedLauncher implements JobLauncher {
        final Map<String, Consumer<RunExit>> running = new LinkedHashMap<>();
        final Map<String, RunRequest> requests = new LinkedHashMap<>();
        final List<String> forgotten = new ArrayList<>();
        @Nullable String refuse;

        @Override
        public void forget(String runId) {
            forgotten.add(runId);
        }

        @Override
        public Launched launch(RunRequest request, Consumer<RunExit> onExit) throws LaunchException {
            if (refuse != null) {
                throw new LaunchException(refuse);
            }
            String id = request.run().id();
            running.put(id, onExit);
            requests.put(id, request);
            return new Launched() {
                @Override
                public Long pid() {
                    return 4242L;
                }

                @Override
                public void kill() {
                    end(id, new RunExit(false, "killed", null));
                }
            };
        }

        void end(String runId, RunExit exit) {
            Consumer<RunExit> onExit = running.remove(runId);
            if (onExit != null) {
                onExit.accept(exit);
            }
        }
    }

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(START);
        openStore(2);
    }

    private void openStore(int maxProcesses) {
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        Catalog catalog = new Catalog(store.keyspace("glue"), clock);
        jobs = new Jobs(store.keyspace("glue"), clock, catalog.tags());
        bookmarks = new JobBookmarks(store.keyspace("glue"));
        runs = new JobRuns(store.keyspace("glue"), clock, scheduler, jobs, bookmarks, launcher, Runnable::run, maxProcesses);
        runs.addListener((ns, run) -> seen.add(run.id() + " " + run.state()));
    }

    @AfterEach
    void close() {
        scheduler.close();
        store.close();
    }

    private JobDefinition job(String name, int maxConcurrent, int maxRetries, Integer timeout) {
        return job(name, maxConcurrent, maxRetries, timeout, null);
    }

    private JobDefinition job(String name, int maxConcurrent, int maxRetries, Integer timeout, @Nullable Boolean queuing) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("--source", "s3://in/a.csv");
        defaults.put("--mode", "default");
        return new JobDefinition(name, null, queuing, null, null, "role", new ExecutionProperty(maxConcurrent),
                new Command("pythonshell", "s3://scripts/job.py", "3", null), defaults, Map.of("--mode", "locked"), null, maxRetries,
                null, timeout, null, null, null, null, null, null, null, null, null, null, null);
    }

    private JobRunRecord start(String job, Map<String, String> arguments) {
        return runs.start(NS, job, new RunOptions(arguments, null, null, null, null, null, null, null, null, null, null, "AKIDEXAMPLE", null));
    }

    private JobRunRecord get(String job, String id) {
        return runs.history().get(NS, job, id);
    }

    @Test
    void argumentsAreTheDefaultsThenTheRunsThenTheNonOverridableOnes() {
        jobs.create(NS, job("etl", 1, 0, null));
        JobRunRecord run = start("etl", Map.of("--source", "s3://in/b.csv", "--mode", "mine", "--extra", "x"));
        assertThat(run.arguments()).containsExactlyInAnyOrderEntriesOf(
                Map.of("--source", "s3://in/b.csv", "--mode", "locked", "--extra", "x"));
        assertThat(run.callerAccessKey()).isEqualTo("AKIDEXAMPLE");
        assertThat(run.id()).matches("jr_[0-9a-f]{64}");
    }

    @Test
    void aRunGoesStartingRunningSucceededWithItsTimes() {
        jobs.create(NS, job("etl", 1, 0, null));
        JobRunRecord run = start("etl", null);
        assertThat(get("etl", run.id()).state()).isEqualTo(JobRunRecord.RUNNING);
        assertThat(get("etl", run.id()).processId()).isEqualTo(4242L);
        clock.advance(Duration.ofSeconds(90));
        launcher.end(run.id(), new JobLauncher.RunExit(true, null, null));
        JobRunRecord done = get("etl", run.id());
        assertThat(done.state()).isEqualTo(JobRunRecord.SUCCEEDED);
        assertThat(done.startedOn()).isEqualTo(START);
        assertThat(done.completedOn()).isEqualTo(START.plusSeconds(90));
        assertThat(done.executionSeconds(clock.instant())).isEqualTo(90);
        assertThat(done.processId()).isNull();
        assertThat(seen).containsExactly(run.id() + " STARTING", run.id() + " RUNNING", run.id() + " SUCCEEDED");
        assertThat(store.keyspace("glue").get(GlueKeys.activeJobRun(NS, "etl", run.id()))).isNull();
    }

    @Test
    void maxConcurrentRunsRefusesAnotherRunUntilOneEnds() {
        jobs.create(NS, job("etl", 1, 0, null));
        JobRunRecord first = start("etl", null);
        assertThatThrownBy(() -> start("etl", null)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("ConcurrentRunsExceededException");
            assertThat(e.getMessage()).isEqualTo("Concurrent runs exceeded for etl");
        });
        launcher.end(first.id(), new JobLauncher.RunExit(true, null, null));
        assertThat(start("etl", null).state()).isEqualTo(JobRunRecord.STARTING);
    }

    @Test
    void runsBeyondTheProcessCapWaitStartingForASlot() {
        jobs.create(NS, job("etl", 5, 0, null));
        JobRunRecord a = start("etl", null);
        JobRunRecord b = start("etl", null);
        JobRunRecord c = start("etl", null);
        assertThat(get("etl", a.id()).state()).isEqualTo(JobRunRecord.RUNNING);
        assertThat(get("etl", b.id()).state()).isEqualTo(JobRunRecord.RUNNING);
        assertThat(get("etl", c.id()).state()).isEqualTo(JobRunRecord.STARTING);
        launcher.end(a.id(), new JobLauncher.RunExit(false, "boom", null));
        assertThat(get("etl", a.id()).errorMessage()).isEqualTo("boom");
        assertThat(get("etl", c.id()).state()).isEqualTo(JobRunRecord.RUNNING);
    }

    @Test
    void aFailedRunIsRetriedMaxRetriesTimesEachAttemptNamingTheOneBefore() {
        jobs.create(NS, job("etl", 1, 2, null));
        JobRunRecord first = start("etl", Map.of("--day", "1"));
        launcher.end(first.id(), new JobLauncher.RunExit(false, "first failure", null));
        JobRunRecord second = get("etl", first.id() + "_attempt_1");
        assertThat(second.attempt()).isEqualTo(1);
        assertThat(second.previousRunId()).isEqualTo(first.id());
        assertThat(second.arguments()).containsEntry("--day", "1");
        assertThat(second.state()).isEqualTo(JobRunRecord.RUNNING);
        launcher.end(second.id(), new JobLauncher.RunExit(false, "second failure", null));
        JobRunRecord third = get("etl", first.id() + "_attempt_2");
        assertThat(third.previousRunId()).isEqualTo(second.id());
        launcher.end(third.id(), new JobLauncher.RunExit(false, "third failure", null));
        assertThat(runs.history().list(NS, "etl", null, 10).runs()).extracting(JobRunRecord::state).containsOnly(JobRunRecord.FAILED).hasSize(3);
    }

    @Test
    void theTimeoutOnTheEmulatorClockKillsTheRunWhichEndsTimeout() {
        jobs.create(NS, job("etl", 1, 3, 5));
        JobRunRecord run = start("etl", null);
        clock.advance(Duration.ofMinutes(4));
        assertThat(get("etl", run.id()).state()).isEqualTo(JobRunRecord.RUNNING);
        clock.advance(Duration.ofMinutes(1));
        JobRunRecord timedOut = get("etl", run.id());
        assertThat(timedOut.state()).isEqualTo(JobRunRecord.TIMEOUT);
        assertThat(timedOut.errorMessage()).contains("timed out after 5 minutes");
        assertThat(timedOut.executionSeconds(clock.instant())).isEqualTo(300);
        assertThat(launcher.running).isEmpty();
        assertThat(runs.history().list(NS, "etl", null, 10).runs()).hasSize(1); // a timeout is not retried
    }

    @Test
    void stoppingKillsTheProcessAndEndsStoppedWhileEndedOrUnknownRunsAreErrors() {
        jobs.create(NS, job("etl", 3, 1, null));
        launcher.running.clear();
        JobRunRecord run = start("etl", null);
        assertThat(runs.stop(NS, "etl", run.id())).isNull();
        assertThat(get("etl", run.id()).state()).isEqualTo(JobRunRecord.STOPPED);
        assertThat(seen).contains(run.id() + " STOPPING", run.id() + " STOPPED");
        assertThat(runs.stop(NS, "etl", run.id()).code()).isEqualTo("InvalidInputException");
        assertThat(runs.stop(NS, "etl", "jr_missing").code()).isEqualTo("EntityNotFoundException");
        assertThat(runs.history().list(NS, "etl", null, 10).runs()).hasSize(1); // a stopped run is not retried
    }

    @Test
    void aWaitingRunStopsAtOnce() {
        store.close();
        scheduler.close();
        openStore(1);
        jobs.create(NS, job("etl", 3, 0, null));
        start("etl", null);
        JobRunRecord waiting = start("etl", null);
        assertThat(runs.stop(NS, "etl", waiting.id())).isNull();
        assertThat(get("etl", waiting.id()).state()).isEqualTo(JobRunRecord.STOPPED);
        assertThat(launcher.requests).doesNotContainKey(waiting.id());
    }

    private JobRunRecord startQueued(String job) {
        return runs.start(NS, job, new RunOptions(null, null, null, null, null, null, null, null, null, true, null, null, null));
    }

    @Test
    void queuedRunsBeyondMaxConcurrentRunsWaitAndStartInOrderAsSlotsFree() {
        jobs.create(NS, job("etl", 1, 0, null));
        JobRunRecord first = startQueued("etl");
        JobRunRecord second = startQueued("etl");
        JobRunRecord third = startQueued("etl");
        assertThat(get("etl", first.id()).state()).isEqualTo(JobRunRecord.RUNNING);
        assertThat(second.state()).isEqualTo(JobRunRecord.WAITING);
        assertThat(get("etl", third.id()).state()).isEqualTo(JobRunRecord.WAITING);
        assertThat(get("etl", second.id()).settings().jobRunQueuingEnabled()).isTrue();
        assertThatThrownBy(() -> start("etl", null)) // a run without queuing still fails
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("ConcurrentRunsExceededException"));
        launcher.end(first.id(), new JobLauncher.RunExit(true, null, null));
        assertThat(get("etl", second.id()).state()).isEqualTo(JobRunRecord.RUNNING);
        assertThat(get("etl", third.id()).state()).isEqualTo(JobRunRecord.WAITING);
        assertThat(seen).containsSubsequence(second.id() + " WAITING", second.id() + " STARTING", second.id() + " RUNNING");
        launcher.end(second.id(), new JobLauncher.RunExit(true, null, null));
        assertThat(get("etl", third.id()).state()).isEqualTo(JobRunRecord.RUNNING);
        assertThat(launcher.requests.keySet()).containsExactly(first.id(), second.id(), third.id());
    }

    @Test
    void theJobsSettingQueuesAndAQueuedRunStopsAtOnce() {
        jobs.create(NS, job("etl", 1, 0, null, true));
        start("etl", null);
        JobRunRecord waiting = start("etl", null);
        assertThat(waiting.state()).isEqualTo(JobRunRecord.WAITING);
        assertThat(runs.stop(NS, "etl", waiting.id())).isNull();
        assertThat(get("etl", waiting.id()).state()).isEqualTo(JobRunRecord.STOPPED);
        assertThat(launcher.requests).doesNotContainKey(waiting.id());
        assertThat(store.keyspace("glue").get(GlueKeys.activeJobRun(NS, "etl", waiting.id()))).isNull();
    }

    @Test
    void queuedRunsBeyondTheProcessCapWaitTooAndARestartQueuesThemAgainInOrder() {
        store.close();
        scheduler.close();
        openStore(1);
        jobs.create(NS, job("etl", 1, 0, null));
        jobs.create(NS, job("load", 5, 0, null));
        JobRunRecord running = startQueued("etl");
        JobRunRecord behindTheJob = startQueued("etl");
        JobRunRecord behindTheCap = startQueued("load");
        JobRunRecord last = startQueued("load");
        assertThat(get("load", behindTheCap.id()).state()).isEqualTo(JobRunRecord.WAITING);
        runs.close();
        scheduler.close();
        store.close();
        openStore(1);
        runs.recover();
        assertThat(get("etl", running.id()).state()).isEqualTo(JobRunRecord.FAILED);
        // the queue's order survives: the run of etl waited first, so it takes the one process slot
        assertThat(get("etl", behindTheJob.id()).state()).isEqualTo(JobRunRecord.RUNNING);
        assertThat(get("load", behindTheCap.id()).state()).isEqualTo(JobRunRecord.WAITING);
        launcher.end(behindTheJob.id(), new JobLauncher.RunExit(true, null, null));
        assertThat(get("load", behindTheCap.id()).state()).isEqualTo(JobRunRecord.RUNNING);
        assertThat(get("load", last.id()).state()).isEqualTo(JobRunRecord.WAITING);
        launcher.end(behindTheCap.id(), new JobLauncher.RunExit(true, null, null));
        assertThat(get("load", last.id()).state()).isEqualTo(JobRunRecord.RUNNING);
    }

    @Test
    void runsAreKeptForAYearOfEmulatorTimeThenDeletedWithTheirFolders() {
        jobs.create(NS, job("etl", 2, 0, null));
        JobRunRecord old = start("etl", null);
        launcher.end(old.id(), new JobLauncher.RunExit(true, null, null));
        clock.advance(Duration.ofDays(200));
        JobRunRecord recent = start("etl", null);
        launcher.end(recent.id(), new JobLauncher.RunExit(true, null, null));
        clock.advance(Duration.ofDays(165).minusSeconds(1));
        assertThat(get("etl", old.id()).state()).isEqualTo(JobRunRecord.SUCCEEDED);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> get("etl", old.id())).hasMessage("Job Run with id: " + old.id() + " not found");
        assertThat(launcher.forgotten).containsExactly(old.id());
        assertThat(runs.history().list(NS, "etl", null, 10).runs()).extracting(JobRunRecord::id).containsExactly(recent.id());
        // after a restart the next expiry is armed again from the store
        runs.close();
        scheduler.close();
        store.close();
        openStore(2);
        runs.recover();
        clock.advance(Duration.ofDays(200));
        assertThat(runs.history().list(NS, "etl", null, 10).runs()).isEmpty();
        assertThat(launcher.forgotten).containsExactly(old.id(), recent.id());
    }

    @Test
    void aRunThatCannotLaunchFailsWithTheReason() {
        jobs.create(NS, job("etl", 1, 0, null));
        launcher.refuse = "no Spark configured";
        JobRunRecord run = start("etl", null);
        assertThat(get("etl", run.id()).state()).isEqualTo(JobRunRecord.FAILED);
        assertThat(get("etl", run.id()).errorMessage()).isEqualTo("no Spark configured");
    }

    @Test
    void aRestartReportsTheRunsItCutShortFailed() {
        jobs.create(NS, job("etl", 2, 3, null));
        JobRunRecord running = start("etl", null);
        JobRunRecord done = start("etl", null);
        launcher.end(done.id(), new JobLauncher.RunExit(true, null, null));
        runs.close(); // as the server stops: the kill's exit is not written
        scheduler.close();
        store.close();
        openStore(2);
        runs.recover();
        JobRunRecord recovered = get("etl", running.id());
        assertThat(recovered.state()).isEqualTo(JobRunRecord.FAILED);
        assertThat(recovered.errorMessage()).isEqualTo(JobRuns.INTERRUPTED);
        assertThat(get("etl", done.id()).state()).isEqualTo(JobRunRecord.SUCCEEDED);
        assertThat(store.keyspace("glue").scan(GlueKeys.activeJobRuns(NS), null, 10)).isEmpty();
        assertThat(start("etl", null).state()).isEqualTo(JobRunRecord.STARTING); // nothing is left counted as running
    }

    @Test
    void bookmarksAdvanceOnEnabledSuccessesOnlyAndReset() {
        jobs.create(NS, job("etl", 1, 0, null));
        assertThatThrownBy(() -> bookmarks.get(NS, "etl")).hasMessage("Continuation for job etl not found");
        JobRunRecord first = start("etl", Map.of("--job-bookmark-option", "job-bookmark-enable"));
        assertThat(launcher.requests.get(first.id()).bookmark()).isNull();
        launcher.end(first.id(), new JobLauncher.RunExit(true, null, "{\"offset\":10}"));
        JobBookmarkMeta mark = bookmarks.get(NS, "etl");
        assertThat(mark.run()).isEqualTo(1);
        assertThat(mark.runId()).isEqualTo(first.id());
        assertThat(mark.jobBookmark()).isEqualTo("{\"offset\":10}");
        JobRunRecord paused = start("etl", Map.of("--job-bookmark-option", "job-bookmark-pause"));
        assertThat(launcher.requests.get(paused.id()).bookmark()).isEqualTo("{\"offset\":10}");
        launcher.end(paused.id(), new JobLauncher.RunExit(true, null, "{\"offset\":99}"));
        assertThat(bookmarks.get(NS, "etl").jobBookmark()).isEqualTo("{\"offset\":10}");
        JobBookmarkMeta reset = bookmarks.reset(NS, "etl");
        assertThat(reset.jobBookmark()).isNull();
        assertThat(reset.version()).isEqualTo(mark.version() + 1);
        assertThatThrownBy(() -> start("etl", Map.of("--job-bookmark-option", "sometimes")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidInputException"));
    }

    @Test
    void getJobRunsPagesNewestFirstAndDeleteJobTakesRunsAndBookmark() {
        jobs.create(NS, job("etl", 1, 0, null));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JobRunRecord run = start("etl", Map.of("--job-bookmark-option", "job-bookmark-enable"));
            launcher.end(run.id(), new JobLauncher.RunExit(true, null, null));
            ids.add(0, run.id());
            clock.advance(Duration.ofSeconds(1));
        }
        JobRunHistory.RunPage page = runs.history().list(NS, "etl", null, 2);
        List<String> listed = new ArrayList<>(page.runs().stream().map(JobRunRecord::id).toList());
        while (page.next() != null) {
            page = runs.history().list(NS, "etl", page.next(), 2);
            listed.addAll(page.runs().stream().map(JobRunRecord::id).toList());
        }
        assertThat(listed).containsExactlyElementsOf(ids);
        jobs.delete(NS, "etl", runs::deleteAll);
        assertThatThrownBy(() -> runs.history().get(NS, "etl", ids.get(0))).hasMessageContaining("Job with name: etl not found");
        assertThat(launcher.forgotten).containsExactlyInAnyOrderElementsOf(ids); // their folders (logs) go too
        assertThat(store.keyspace("glue").scan(GlueKeys.jobRuns(NS, "etl"), null, 10)).isEmpty();
        assertThat(store.keyspace("glue").get(GlueKeys.jobBookmark(NS, "etl"))).isNull();
        jobs.delete(NS, "etl", runs::deleteAll); // no error for a missing job, as AWS answers
    }
}
