package io.tarn.core.http;

/** Routes a request head to whatever will answer it (a service, the admin API). */
@FunctionalInterface
public interface Dispatcher {
    Exchange begin(RequestHead head);
}
