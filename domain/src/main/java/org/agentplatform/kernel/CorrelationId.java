package org.agentplatform.kernel;

/**
 * The id of the request the current thread serves (the API's X-Request-Id), so that events and log
 * lines written deeper down carry it. Calls between layers are local, on the same thread.
 */
public final class CorrelationId {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private CorrelationId() {}

    public static void set(String id) {
        CURRENT.set(id);
    }

    /** The current id, or null outside a request (timers, batch jobs). */
    public static String current() {
        return CURRENT.get();
    }

    public static void clear() {
        CURRENT.remove();
    }
}
