package io.tarn.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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
}
