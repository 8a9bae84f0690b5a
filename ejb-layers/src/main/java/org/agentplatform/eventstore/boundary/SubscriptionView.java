package org.agentplatform.eventstore.boundary;

import java.util.List;

/**
 * A consumer group: which events it takes, how far each of its partitions got, and its lag (events
 * after its slowest checkpoint that match nothing yet consumed).
 */
public record SubscriptionView(String group, String description, List<String> eventTypes, String streamType,
        int partitions, int maxAttempts, long lastPosition, long lag, long parked, List<PartitionView> partitionStates) {

    /** One partition: its checkpoint (last position handled), the instance holding it and until when. */
    public record PartitionView(int partition, long checkpoint, String owner, String leaseUntil, long lag) {}
}
