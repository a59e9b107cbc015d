package io.tarn.firehose.engine.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an HTTP endpoint delivery needs of {@code HttpEndpointDestinationConfiguration}, read again
 * before each attempt (AWS: "the access key and/or destination ... might change based on updated
 * configuration").
 *
 * @param url {@code EndpointConfiguration.Url}
 * @param accessKey {@code EndpointConfiguration.AccessKey}, sent verbatim; null for none
 * @param commonAttributes {@code RequestConfiguration.CommonAttributes} as name to value
 * @param gzip {@code RequestConfiguration.ContentEncoding} is {@code GZIP}
 * @param retryDuration {@code RetryOptions.DurationInSeconds} (0-7200, 300 by default)
 * @param deliveryStreamArn sent as {@code X-Amz-Firehose-Source-Arn}
 */
public record HttpEndpointConfig(URI url, @Nullable String accessKey, Map<String, String> commonAttributes, boolean gzip,
        Duration retryDuration, String deliveryStreamArn) {

    public HttpEndpointConfig {
        Objects.requireNonNull(url);
        commonAttributes = Map.copyOf(commonAttributes);
        Objects.requireNonNull(retryDuration);
        Objects.requireNonNull(deliveryStreamArn);
    }
}
