package org.agentplatform.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.agentplatform.gateway.security.ConsoleSessions;

/** console/sessions.xhtml (admins): who is signed in to the console, where, since when; sign a session out. */
@Named
@RequestScoped
public class SessionsBacking {

    @Inject
    ConsoleSessions sessions;

    @Inject
    HttpServletRequest request;

    public List<ConsoleSessions.Session> getRows() {
        return sessions.list(null);
    }

    /** The fingerprint of the session showing this page, so it is marked and not revoked by mistake. */
    public String getCurrent() {
        return ConsoleSessions.fingerprint(request.getSession().getId());
    }

    public void revoke(ConsoleSessions.Session session) {
        ConsoleActions.run(() -> {
            if (!sessions.revoke(session.fingerprint(), null)) {
                throw new org.agentplatform.kernel.PlatformException(org.agentplatform.kernel.ErrorCode.SESSION_NOT_FOUND,
                        "That session has ended already.");
            }
        }, "Signed out " + session.username() + " (session " + session.fingerprint() + ") on every instance", "E9207");
    }
}
