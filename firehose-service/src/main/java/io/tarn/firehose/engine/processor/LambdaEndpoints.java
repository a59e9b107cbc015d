package io.tarn.firehose.engine.processor;

import io.tarn.core.config.InitFile;
import io.tarn.firehose.FirehoseErrors;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where Tarn sends a Lambda processor's invocations. Tarn has no Lambda: the init file's
 * {@code lambdaFunctions} section maps a function ARN to an HTTP URL that answers AWS's
 * data-transformation request (see {@link LambdaTransformer}). A qualified ARN
 * ({@code ...:function:name:$LATEST}, {@code :1}, {@code :alias}) falls back to the mapping of
 * its function.
 *
 * <p>The control plane calls {@link #requireMapped} for each Lambda processor at
 * CreateDeliveryStream and UpdateDestination, so that a stream Tarn cannot run is refused at once.
 */
public final class LambdaEndpoints {

    private final Map<String, URI> urls;

    public LambdaEndpoints(Map<String, String> arnToUrl) {
        Objects.requireNonNull(arnToUrl, "arnToUrl");
        this.urls = arnToUrl.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> url(e.getKey(), e.getValue())));
    }

    /** The init file's {@code lambdaFunctions} section. */
    public static LambdaEndpoints of(InitFile initFile) {
        return new LambdaEndpoints(initFile.lambdaFunctions());
    }

    private static URI url(String arn, String url) {
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("lambdaFunctions: the URL of " + arn + " must be http or https: " + url);
        }
        return uri;
    }

    /** The URL of a function, or null when the init file maps none. */
    public @Nullable URI find(String lambdaArn) {
        URI url = urls.get(lambdaArn);
        if (url != null) {
            return url;
        }
        // arn:aws:lambda:region:account:function:name[:qualifier]: drop the qualifier
        String[] parts = lambdaArn.split(":", -1);
        return parts.length == 8 ? urls.get(String.join(":", java.util.Arrays.copyOf(parts, 7))) : null;
    }

    /**
     * The URL of a function.
     *
     * @throws io.tarn.core.error.AwsException {@code InvalidArgumentException} naming the ARN when
     *     the init file maps none
     */
    public URI requireMapped(String lambdaArn) {
        URI url = find(lambdaArn);
        if (url == null) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception(
                    "Lambda function %s cannot be invoked: Tarn has no Lambda, and its init file (--config) maps no HTTP URL "
                            + "to this ARN in its lambdaFunctions section", lambdaArn);
        }
        return url;
    }
}
