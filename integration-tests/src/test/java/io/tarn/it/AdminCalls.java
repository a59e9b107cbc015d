package io.tarn.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Calls to the admin API ({@code /_tarn/*}) with the JDK's HTTP client, signed by the SDK v2's
 * SigV4 signer with the default credentials test/test, as a strict server requires of the calls
 * that change state (a lenient server ignores the signature).
 */
public final class AdminCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length");

    private AdminCalls() {}

    /** {@code method path}, signed, with a JSON body (or none when null). */
    public static HttpResponse<String> send(URI endpoint, String method, String path, String body) throws Exception {
        URI uri = endpoint.resolve(path);
        SdkHttpRequest unsigned = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(method)).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("test", "test"))
                .request(unsigned)
                .payload(body == null ? null : ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "tarn")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder request = builder(uri, method, body);
        signed.forEachHeader((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code method path} with no signature: what anyone on the network could send. */
    public static HttpResponse<String> sendUnsigned(URI endpoint, String method, String path, String body) throws Exception {
        return HTTP.send(builder(endpoint.resolve(path), method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code method path} carrying {@code Authorization: Bearer token}. */
    public static HttpResponse<String> sendWithToken(URI endpoint, String method, String path, String body, String token)
            throws Exception {
        return HTTP.send(builder(endpoint.resolve(path), method, body).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder builder(URI uri, String method, String body) {
        return HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    /**
     * Changes the emulator clock ({@code {"scale":0}} freezes it, {@code {"scale":1}} runs it again,
     * {@code {"advance":"PT1H"}}) and returns its time after the change, so a test can assert exact times.
     */
    public static Instant changeClock(URI endpoint, String json) throws Exception {
        HttpResponse<String> r = send(endpoint, "POST", "/_tarn/clock", json);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("POST /_tarn/clock " + json + ": " + r.statusCode() + " " + r.body());
        }
        Matcher now = NOW.matcher(r.body());
        if (!now.find()) {
            throw new IllegalStateException("no \"now\" in " + r.body());
        }
        return Instant.parse(now.group(1));
    }

    /** The emulator clock's time now ({@code GET /_tarn/clock}): what the server stamps on what it stores. */
    public static Instant clockNow(URI endpoint) throws Exception {
        HttpResponse<String> r = send(endpoint, "GET", "/_tarn/clock", null);
        Matcher now = NOW.matcher(r.body());
        if (r.statusCode() != 200 || !now.find()) {
            throw new IllegalStateException("GET /_tarn/clock: " + r.statusCode() + " " + r.body());
        }
        return Instant.parse(now.group(1));
    }

    private static final Pattern NOW = Pattern.compile("\"now\"\\s*:\\s*\"([^\"]+)\"");
}
