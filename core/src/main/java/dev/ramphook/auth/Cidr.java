package dev.ramphook.auth;

import dev.ramphook.internal.text.Digits;
import java.util.Arrays;

/** An address range such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a range of one. */
record Cidr(byte[] network, int prefixLength) {

    /** @throws IllegalArgumentException naming the bad range (configuration, not a secret) */
    static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("CIDR range must not be null");
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        byte[] address = IpAddress.parse(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = s.substring(slash + 1);
            long parsed = Digits.parse(length, 3);
            // ::ffff:10.0.0.0/104 became IPv4: its prefix counts the 96 mapped bits we dropped
            boolean mapped = address.length == 4 && s.substring(0, slash).indexOf(':') >= 0;
            if (mapped) {
                parsed = parsed < 96 ? -1 : parsed - 96;
            }
            if (parsed < 0 || parsed > bits) {
                throw new IllegalArgumentException("bad prefix length in CIDR range: " + text);
            }
            prefix = (int) parsed;
        }
        return new Cidr(mask(address, prefix), prefix);
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, prefixLength), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    @Override
    public String toString() {
        return IpAddress.format(network) + "/" + prefixLength;
    }
}
