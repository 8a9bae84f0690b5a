package org.agentplatform.eventstore.boundary;

import jakarta.ejb.ApplicationException;

/** A handler failed on an event; its transaction (the handler's writes, the checkpoint) is rolled back. */
@ApplicationException(rollback = true)
public class DeliveryFailure extends RuntimeException {
    private final boolean leaseLost;

    DeliveryFailure(String message, Throwable cause, boolean leaseLost) {
        super(message, cause);
        this.leaseLost = leaseLost;
    }

    /** True when another instance took the partition over: stop, do not retry. */
    public boolean leaseLost() {
        return leaseLost;
    }
}
