package dev.kubelab.explain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 CIDR block, for NetworkPolicy ipBlock peers. */
final class Cidr {

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    // only IP literals reach InetAddress.getByName, so it never turns into a DNS lookup
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    /** "10.0.0.0/8" or "fd00::/8"; empty when the text is not a CIDR. */
    static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<byte[]> address = address(text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (prefix < 0 || prefix > address.get().length * 8) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(address.get(), prefix));
    }

    /** The bytes of an IP literal (4 or 16); empty for anything else. */
    static Optional<byte[]> address(String ip) {
        if (ip == null || ip.isEmpty() || !LITERAL.matcher(ip).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(ip).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code ip} is inside this block; an address of the other family never is. */
    boolean contains(byte[] ip) {
        if (ip.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (ip[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - restBits)) & 0xFF;
        return (ip[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
