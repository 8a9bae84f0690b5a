package org.agentplatform.identity.control;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Data grid maps for the per-request hot path, without Payara's tenant control.
 *
 * <p>Payara gives a grid object created inside an application a "tenant control": every operation on
 * it, on every member's partition threads (backups included), first sets up the application's CDI
 * request context, which looks the bean manager up by walking the stack. Measured under a chat loop:
 * about a tenth of an instance's CPU. The control is chosen once, cluster-wide, by the thread that
 * first creates the object: one with no component invocation gets none. So these maps are created on
 * a fresh thread that inherits no thread locals (Payara's invocation stack is inheritable). Only for
 * maps whose keys and values are JDK types: without the application's context, members could not
 * load application classes to read them.
 */
public final class GridMaps {
    private GridMaps() {}

    public static <K, V> IMap<K, V> withoutTenant(HazelcastInstance grid, String name) {
        AtomicReference<IMap<K, V>> map = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread creator = new Thread(null, () -> {
            try {
                map.set(grid.getMap(name));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "grid-map-" + name, 0, false);
        creator.start();
        try {
            creator.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating grid map " + name, e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return map.get();
    }
}
