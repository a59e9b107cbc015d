package io.tarn.core.spi;

import java.util.Objects;

/** The account and region a request acts in: every resource lives in one. */
public record Namespace(String account, String region) {

    public Namespace {
        Objects.requireNonNull(account);
        Objects.requireNonNull(region);
    }

    /** {@code arn:aws:<service>:<region>:<account>:<resource>} */
    public String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
    }
}
