package io.tarn.core.iam;

/** A statement's Effect (case-sensitive on the wire). */
public enum Effect { ALLOW, DENY }
