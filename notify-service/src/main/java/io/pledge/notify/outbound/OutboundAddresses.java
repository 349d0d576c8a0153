package io.pledge.notify.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs notify-service may call (webhook endpoints, chat incoming webhooks): no request to
 * an address inside the operator's network unless the operator allows it, so that a subscription
 * cannot turn Pledge into a probe of its own cluster (server-side request forgery). Pure: the
 * caller resolves nothing; {@link #refusal(URI)} resolves the host itself.
 *
 * <p>Refused unless allow-listed: loopback, private (RFC 1918, IPv6 unique local), link-local
 * (169.254/16 and fe80::/10, which includes the cloud metadata address), carrier-grade NAT
 * (100.64/10), "this network" (0/8), multicast and the unspecified address.
 */
public final class OutboundAddresses {

    private final boolean httpsOnly;
    private final List<Cidr> allowed;

    public OutboundAddresses(boolean httpsOnly, List<String> allowedCidrs) {
        this.httpsOnly = httpsOnly;
        this.allowed = allowedCidrs.stream().map(String::trim).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
    }

    /** Why {@code url} may not be called, or null if it may: checked when subscribed and before every call. */
    public String refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && (httpsOnly || !scheme.equals("http"))) {
            return httpsOnly ? "only https URLs may be called" : "only http and https URLs may be called";
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            return "the URL names no host";
        }
        if (url.getUserInfo() != null) {
            return "the URL may not carry a user name or password";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            return "the host " + url.getHost() + " is not known";
        }
        for (InetAddress address : addresses) {
            if (internal(address) && allowed.stream().noneMatch(c -> c.contains(address))) {
                return "the host " + url.getHost() + " is an internal address (" + address.getHostAddress()
                        + "); an operator may allow it (PLEDGE_WEBHOOK_ALLOWED_ADDRESSES)";
            }
        }
        return null;
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128);
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return false;
    }

    /** An address range, e.g. 10.0.0.0/8 or ::1/128 (a bare address is a range of one). */
    record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in " + text);
                }
                return new Cidr(network, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not an address range: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((candidate[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
