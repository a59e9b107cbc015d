package io.tarn.firehose.engine.processor;

import io.tarn.firehose.FirehoseErrors;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code Lambda} processor's parameters, with AWS's defaults: {@code NumberOfRetries} 3,
 * {@code BufferSizeInMBs} 1 (0.2 to 3), {@code BufferIntervalInSeconds} 60 (60 to 900).
 *
 * @param bufferSizeMiB how much of a buffer goes to one invocation at most
 */
public record LambdaProcessorConfig(String lambdaArn, int numberOfRetries, double bufferSizeMiB, int bufferIntervalSeconds) {

    static final int DEFAULT_RETRIES = 3;
    static final int MAX_RETRIES = 300;

    public LambdaProcessorConfig {
        Objects.requireNonNull(lambdaArn, "lambdaArn");
    }

    /**
     * From the processor's {@code Parameters} (name to value).
     *
     * @throws io.tarn.core.error.AwsException {@code InvalidArgumentException} for a missing
     *     {@code LambdaArn} or a value out of range
     */
    public static LambdaProcessorConfig of(Map<String, String> parameters) {
        String arn = parameters.get("LambdaArn");
        if (arn == null) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("LambdaArn is a required parameter for the Lambda processor");
        }
        if (!arn.startsWith("arn:") || !arn.contains(":lambda:") || !arn.contains(":function:")) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("LambdaArn %s is not a valid Lambda function ARN", arn);
        }
        int retries = (int) number(parameters, "NumberOfRetries", DEFAULT_RETRIES, 0, MAX_RETRIES);
        double size = number(parameters, "BufferSizeInMBs", 1, 0.2, 3);
        int interval = (int) number(parameters, "BufferIntervalInSeconds", 60, 60, 900);
        return new LambdaProcessorConfig(arn, retries, size, interval);
    }

    private static double number(Map<String, String> parameters, String name, double dflt, double min, double max) {
        String text = parameters.get(name);
        if (text == null) {
            return dflt;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("%s must be a number, got %s", name, text);
        }
        if (value < min || value > max || (!name.equals("BufferSizeInMBs") && value != Math.rint(value))) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("%s must be between %s and %s, got %s",
                    name, plain(min), plain(max), text);
        }
        return value;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
