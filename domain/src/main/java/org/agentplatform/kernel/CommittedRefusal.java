package org.agentplatform.kernel;

import jakarta.ejb.ApplicationException;

/**
 * A refusal whose transaction still commits, for refusals that must record something first (a
 * reused refresh token revokes its family, then the request is refused). Mapped like any
 * {@link PlatformException}.
 */
@ApplicationException(rollback = false)
public class CommittedRefusal extends PlatformException {

    public CommittedRefusal(ErrorCode errorCode) {
        super(errorCode);
    }
}
