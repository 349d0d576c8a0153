package io.pledge.notify.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which URLs notify-service may call. Literal addresses only: no name resolution in a unit test. */
class OutboundAddressesTest {

    private final OutboundAddresses production = new OutboundAddresses(true, List.of());

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/x", "https://10.0.0.8/x", "https://172.16.5.4/x", "https://192.168.1.1/x",
            "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/x", "https://0.0.0.0/x", "https://[::1]/x",
            "https://[fd00::1]/x", "https://[fe80::1]/x", "https://224.0.0.1/x"})
    void internalAddressesAreRefused(String url) {
        String refusal = production.refusal(URI.create(url));
        assertNotNull(refusal, url);
        assertTrue(refusal.contains("internal address"), refusal);
    }

    @Test
    void aPublicAddressOverHttpsMayBeCalled() {
        assertNull(production.refusal(URI.create("https://93.184.216.34/hooks")));
    }

    @Test
    void productionCallsHttpsOnly() {
        assertTrue(production.refusal(URI.create("http://93.184.216.34/hooks")).contains("only https"));
        assertNull(new OutboundAddresses(false, List.of()).refusal(URI.create("http://93.184.216.34/hooks")));
    }

    @Test
    void otherSchemesCredentialsAndMissingHostsAreRefused() {
        OutboundAddresses development = new OutboundAddresses(false, List.of());
        assertNotNull(development.refusal(URI.create("ftp://93.184.216.34/x")));
        assertNotNull(development.refusal(URI.create("file:///etc/passwd")));
        assertNotNull(development.refusal(URI.create("https://user:secret@93.184.216.34/x")));
    }

    @Test
    void anOperatorMayAllowAnInternalRange() {
        OutboundAddresses allowing = new OutboundAddresses(true, List.of("10.20.0.0/16", " ::1/128 "));
        assertNull(allowing.refusal(URI.create("https://10.20.3.4/crm")));
        assertNull(allowing.refusal(URI.create("https://[::1]/crm")));
        assertNotNull(allowing.refusal(URI.create("https://10.21.3.4/crm")), "outside the allowed range");
    }
}
