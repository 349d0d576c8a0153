package io.pledge.notify.outbound;

import io.pledge.notify.NotifyConfig;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import java.util.List;

/** The one {@link OutboundAddresses} of this service, from {@code notify.webhooks.*}. */
public class OutboundPolicy {

    @Produces
    @Singleton
    OutboundAddresses outboundAddresses(NotifyConfig config) {
        return new OutboundAddresses(config.webhooks().httpsOnly(), config.webhooks().allowedAddresses().orElse(List.of()));
    }
}
