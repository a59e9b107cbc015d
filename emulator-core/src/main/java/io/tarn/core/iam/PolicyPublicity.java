package io.tarn.core.iam;

import java.util.Set;

/**
 * S3's "The meaning of public": a policy is public unless every Allow statement grants access
 * only to fixed values (no wildcard, no variable) of a principal or of a restricting condition
 * key: {@code aws:SourceIp} CIDRs no wider than /8 (IPv4) or /32 (IPv6), or a fixed
 * {@code aws:SourceArn}, {@code aws:SourceVpc}, {@code aws:SourceVpce}, {@code aws:SourceOwner},
 * {@code aws:SourceAccount}, {@code aws:PrincipalOrgID}, {@code aws:userid}... plus the keys a
 * service adds ({@code s3:DataAccessPointArn}...).
 */
public final class PolicyPublicity {

    private static final Set<String> FIXING_KEYS = Set.of("aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce",
            "aws:sourceowner", "aws:sourceaccount", "aws:principalorgid", "aws:principalaccount", "aws:principalarn",
            "aws:userid");

    private PolicyPublicity() {}

    /** @param serviceKeys the service's own restricting keys, lower-case */
    public static boolean isPublic(Policy policy, Set<String> serviceKeys) {
        for (Statement s : policy.statements()) {
            if (s.effect() == Effect.ALLOW && s.principals() != null && s.principals().isEveryone()
                    && !restricted(s, serviceKeys)) {
                return true;
            }
        }
        return false;
    }

    private static boolean restricted(Statement s, Set<String> serviceKeys) {
        for (Condition c : s.conditions()) {
            if (c.operator.negated || c.ifExists || c.qualifier == Condition.SetQualifier.FOR_ALL_VALUES) {
                continue; // true when the key is absent: restricts nobody
            }
            String key = c.keyLowerCase();
            if (key.equals("aws:sourceip") && c.operator == ConditionOperator.IP_ADDRESS && narrowCidrs(c)) {
                return true;
            }
            boolean equality = c.operator.family == ConditionOperator.Family.STRING
                    || c.operator.family == ConditionOperator.Family.STRING_IGNORE_CASE
                    || c.operator.family == ConditionOperator.Family.STRING_LIKE
                    || c.operator.family == ConditionOperator.Family.ARN;
            if (equality && c.hasFixedValues() && (FIXING_KEYS.contains(key) || serviceKeys.contains(key))) {
                return true;
            }
        }
        return false;
    }

    private static boolean narrowCidrs(Condition c) {
        for (String value : c.values) {
            Cidr cidr = Cidr.parse(value);
            if (cidr == null || cidr.prefix() < (cidr.isIpv4() ? 8 : 32)) {
                return false;
            }
        }
        return true;
    }
}
