package dev.ramphook.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Parses IP address literals without ever touching DNS ({@code InetAddress.getByName} would resolve a host name
 * an attacker put in a header). IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) become IPv4, so one CIDR
 * covers both forms of the same peer.
 */
final class IpAddress {

    /** Longest textual IPv6 form with an embedded IPv4 part, plus brackets; anything longer is not an address. */
    private static final int MAX_LENGTH = 47;

    private IpAddress() {
    }

    /**
     * The 4 or 16 bytes of a literal such as {@code 192.0.2.1}, {@code 2001:db8::1}, {@code [2001:db8::1]} or
     * {@code fe80::1%eth0} (the zone is dropped), or {@code null} when it is not one. IPv4 parts are plain decimal
     * without leading zeros: {@code 010.0.0.1} means 8.0.0.1 to some parsers and 10.0.0.1 to others.
     */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH + 16) {
            return null;
        }
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
            if (s.indexOf(':') < 0) {
                return null; // brackets are for IPv6 only (found by fuzzing: [25.5.255.245])
            }
        }
        int zone = s.indexOf('%');
        if (zone >= 0 && s.indexOf(':') >= 0) {
            s = s.substring(0, zone);
        }
        if (s.length() > MAX_LENGTH) {
            return null;
        }
        byte[] bytes = s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
        return bytes != null && isV4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }

    /**
     * An address as proxies write it in {@code X-Forwarded-For} or {@code Forwarded}: optionally quoted, and
     * optionally with a port ({@code 192.0.2.1:443}, {@code [2001:db8::1]:443}).
     */
    static byte[] parseWithOptionalPort(String text) {
        String s = text.trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || (close != s.length() - 1 && !isPort(s.substring(close + 1)))) {
                return null;
            }
            return parse(s.substring(0, close + 1));
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && colon == s.lastIndexOf(':')) { // one colon: IPv4 with a port
            return isPort(s.substring(colon)) ? parse(s.substring(0, colon)) : null;
        }
        return parse(s);
    }

    private static boolean isPort(String colonPort) {
        if (colonPort.length() < 2 || colonPort.length() > 6 || colonPort.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < colonPort.length(); i++) {
            char c = colonPort.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i == s.length() ? '.' : s.charAt(i);
            if (c == '.') {
                if (digits == 0 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // leading zero
                }
                value = (value < 0 ? 0 : value) * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseV6(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount;
        int tailCount = 0;
        if (doubleColon < 0) {
            headCount = groups(s, head, true);
            return headCount == 8 ? toBytes(head, 8, tail, 0) : null;
        }
        headCount = doubleColon == 0 ? 0 : groups(s.substring(0, doubleColon), head, false);
        String after = s.substring(doubleColon + 2);
        if (!after.isEmpty()) {
            tailCount = groups(after, tail, true);
        }
        if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
            return null;
        }
        return toBytes(head, headCount, tail, tailCount);
    }

    /** Fills 16-bit groups; the last may be dotted IPv4 (two groups) when allowed. Returns the count or -1. */
    private static int groups(String s, int[] into, boolean ipv4Last) {
        String[] parts = s.split(":", -1);
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (ipv4Last && i == parts.length - 1 && p.indexOf('.') >= 0) {
                byte[] v4 = parseV4(p);
                if (v4 == null || n + 2 > into.length) {
                    return -1;
                }
                into[n++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                into[n++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || n == into.length) {
                return -1;
            }
            int value = 0;
            for (int j = 0; j < p.length(); j++) {
                int digit = hexDigit(p.charAt(j));
                if (digit < 0) {
                    return -1;
                }
                value = value * 16 + digit;
            }
            into[n++] = value;
        }
        return n;
    }

    /** ASCII hex only: Character.digit would also take full-width and other Unicode digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static byte[] toBytes(int[] head, int headCount, int[] tail, int tailCount) {
        byte[] out = new byte[16];
        for (int i = 0; i < headCount; i++) {
            out[2 * i] = (byte) (head[i] >> 8);
            out[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tailCount; i++) {
            int at = 8 - tailCount + i;
            out[2 * at] = (byte) (tail[i] >> 8);
            out[2 * at + 1] = (byte) tail[i];
        }
        return out;
    }

    private static boolean isV4Mapped(byte[] b) {
        if (b.length != 16 || b[10] != (byte) 0xff || b[11] != (byte) 0xff) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The canonical text of parsed bytes; no DNS (getByAddress never resolves). */
    static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException("not 4 or 16 bytes", impossible);
        }
    }
}
