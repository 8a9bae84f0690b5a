package org.agentplatform.gateway.security;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * The console sessions that are signed in, cluster-wide, in the data grid. A replicated HTTP session
 * can outlive its logout on an instance that cached it; checking this registry on every console
 * request makes a logout on one instance take effect on all of them at once. Entries expire after
 * the absolute session lifetime ({@value #ABSOLUTE_HOURS} h) even while the session is in use.
 */
@ApplicationScoped
public class ConsoleSessions {
    static final int ABSOLUTE_HOURS = 8;
    private static final String MAP = "console-sessions";

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    private IMap<String, String> sessions() {
        return grid.getMap(MAP);
    }

    void signedIn(String sessionId, String username) {
        sessions().set(sessionId, username, ABSOLUTE_HOURS, TimeUnit.HOURS);
    }

    boolean active(String sessionId) {
        return sessions().containsKey(sessionId);
    }

    void signedOut(String sessionId) {
        sessions().delete(sessionId);
    }
}
