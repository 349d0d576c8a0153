package io.pledge.platform.security;

/**
 * The roles of blueprint §6, as carried in the JWT {@code groups} claim. Every endpoint names the
 * roles it admits with {@code @RolesAllowed}.
 */
public final class Roles {
    /** CRM and phone systems. */
    public static final String INTEGRATION = "integration";
    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";
    /** Dashboards: read-only KPI access. */
    public static final String DASHBOARD = "dashboard";

    private Roles() {
    }
}
