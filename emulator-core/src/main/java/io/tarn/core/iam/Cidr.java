package io.tarn.core.iam;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 CIDR block ({@code /32} or {@code /128} when no prefix is given, as IAM does).
 * Addresses are parsed as literals only, never looked up.
 */
record Cidr(byte[] network, int prefix) {

    static @Nullable Cidr parse(String text) {
        int slash = text.indexOf('/');
        byte[] address = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            return null;
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > bits) {
                return null;
            }
        }
        return new Cidr(address, prefix);
    }

    boolean isIpv4() {
        return network.length == 4;
    }

    /** Whether the request's address (a literal; anything else is no match) is in the block. */
    boolean contains(String addressText) {
        byte[] address = NetUtil.createByteArrayFromIpAddressString(addressText);
        if (address == null || address.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[whole] & mask) == (network[whole] & mask);
    }
}
