package io.tarn.core.iam;

import java.util.List;

/**
 * What a service adds to the policy grammar: whether statements name principals (resource
 * policies) or not (identity policies), the size limit, and its own actions, resources and
 * condition keys. Each check throws a {@link PolicyException} with AWS's message.
 */
public interface PolicyRules {

    /** True for resource-based policies (a bucket policy), which must name a principal. */
    boolean resourceBased();

    /** The limit on the policy without insignificant whitespace. */
    int maxNormalizedBytes();

    /** One entry of Action or NotAction, wildcards allowed ({@code "*"}, {@code s3:Get*}). */
    void checkAction(String action);

    /** One entry of Resource or NotResource. */
    void checkResource(String resource);

    void checkConditionKey(String key);

    /**
     * Whether statements name resources. A role's trust policy must not (its resource is the role
     * itself): without one every statement applies to any resource, and one given is refused.
     */
    default boolean namesResources() {
        return true;
    }

    /** A statement with Action and Resource: each action must apply to one of its resources. */
    void checkActionsApply(List<String> actions, List<String> resources);
}
