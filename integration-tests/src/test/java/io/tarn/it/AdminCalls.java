package io.tarn.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Calls to the admin API ({@code /_tarn/*}) with the JDK's HTTP client. */
public final class AdminCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdminCalls() {}

    /** {@code method path} with a JSON body (or none when null). */
    public static HttpResponse<String> send(URI endpoint, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(endpoint.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
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
