package io.tarn.glue.engine.crawler;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronConstraintsFactory;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.tarn.core.error.AwsException;
import io.tarn.glue.GlueErrors;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Glue schedule, {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)} in UTC, as "Time-based
 * schedules for jobs and crawlers" defines it: six required fields, Quartz's wildcards (, - * / ? L W #),
 * days of the week 1-7 from Sunday, one of the two day fields {@code ?}, and no schedule firing more
 * often than every 5 minutes.
 */
public final class GlueCron {

    /** "The minimum precision for a schedule is 5 minutes." */
    static final Duration MIN_INTERVAL = Duration.ofMinutes(5);
    /** How many successive runs are checked against the minimum interval: enough to see a list or range of minutes. */
    private static final int INTERVALS_CHECKED = 16;
    private static final Pattern WRAPPER = Pattern.compile("\\s*cron\\((.*)\\)\\s*", Pattern.DOTALL);

    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark()
            .withStrictRange().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2).supportsHash().supportsL().supportsQuestionMark()
            .withStrictRange().and()
            .withYear().withValidRange(1970, 2199).withStrictRange().and()
            .withCronValidation(CronConstraintsFactory.ensureEitherDayOfWeekOrDayOfMonth())
            .instance();
    private static final CronParser PARSER = new CronParser(DEFINITION);

    private final String expression;
    private final ExecutionTime executions;

    private GlueCron(String expression, ExecutionTime executions) {
        this.expression = expression;
        this.executions = executions;
    }

    /** The schedule {@code expression} names; InvalidInputException when it is not a valid Glue cron expression. */
    public static GlueCron parse(String expression) {
        Matcher m = WRAPPER.matcher(expression);
        if (!m.matches()) {
            throw invalid(expression);
        }
        String fields = m.group(1).trim();
        if (fields.split("\\s+").length != 6) { // cron-utils would take a missing year as optional
            throw invalid(expression);
        }
        Cron cron;
        try {
            cron = PARSER.parse(fields).validate();
        } catch (IllegalArgumentException e) {
            throw invalid(expression);
        }
        GlueCron parsed = new GlueCron(expression, ExecutionTime.forCron(cron));
        parsed.checkRate();
        return parsed;
    }

    public String expression() {
        return expression;
    }

    /** The first run strictly after {@code after}; empty when the schedule has no more runs (a past year). */
    public Optional<Instant> nextAfter(Instant after) {
        return executions.nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC)).map(ZonedDateTime::toInstant);
    }

    /** Refuses a schedule two of whose successive runs (from the start of its first year) are under 5 minutes apart. */
    private void checkRate() {
        Optional<Instant> previous = nextAfter(Instant.parse("1970-01-01T00:00:00Z"));
        for (int i = 0; i < INTERVALS_CHECKED && previous.isPresent(); i++) {
            Optional<Instant> next = nextAfter(previous.get());
            if (next.isPresent() && Duration.between(previous.get(), next.get()).compareTo(MIN_INTERVAL) < 0) {
                throw GlueErrors.INVALID_INPUT.exception("Cron expression %s is not supported: a schedule cannot run more "
                        + "often than every 5 minutes", expression);
            }
            previous = next;
        }
    }

    private static AwsException invalid(String expression) {
        return GlueErrors.INVALID_INPUT.exception("Invalid schedule expression: %s", expression);
    }
}
