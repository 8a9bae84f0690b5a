package org.agentplatform.eventstore.boundary;

/**
 * A read model: {@code inline} ones change in the appending transaction, {@code subscription} ones
 * follow as a consumer group. While it is rebuilt, {@code position} / {@code lastPosition} is its
 * progress.
 */
public record ProjectionView(String name, String kind, String status, long position, long lastPosition, double progress) {}
