package io.pledge.platform.page;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The answer of a customer page (blueprint §6: survey and tracking links open web pages). Every one
 * carries the same headers, which is why they live here:
 * <ul>
 *   <li>a strict Content-Security-Policy: only the service's own scripts, styles and images, no
 *       inline code, no frames, and forms may post only where the page says;</li>
 *   <li>{@code Referrer-Policy: no-referrer}: the token in the address must not leave in a
 *       Referer, not even to the page's own assets;</li>
 *   <li>{@code Cache-Control: no-store}: a shared phone or proxy keeps no copy of a customer's page.</li>
 * </ul>
 */
public final class CustomerPage {

    /** Where the page's forms may post. */
    public enum Forms {
        /** The page posts to its own service (a survey answered without JavaScript). */
        POSTED_HERE("'self'"),
        /** The page has no form. */
        NONE("'none'");

        final String source;

        Forms(String source) {
            this.source = source;
        }
    }

    public static final MediaType HTML = new MediaType("text", "html", "UTF-8");

    private CustomerPage() {
    }

    public static String contentSecurityPolicy(Forms forms) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                + " form-action " + forms.source + "; base-uri 'none'; frame-ancestors 'none'";
    }

    /** A rendered page with the headers every customer page carries. */
    public static Response of(Response.StatusType status, String html, PageLanguage language, Forms forms) {
        return Response.status(status).type(HTML).entity(html)
                .header("Content-Security-Policy", contentSecurityPolicy(forms))
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .build();
    }
}
