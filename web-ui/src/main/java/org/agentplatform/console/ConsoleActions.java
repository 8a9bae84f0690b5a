package org.agentplatform.console;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.validation.ConstraintViolationException;
import java.util.function.Supplier;
import org.agentplatform.kernel.PlatformException;

/**
 * Runs a console action and turns its outcome into a message: the platform's error code and text
 * on refusal (the same words the API uses), a summary on success. Failed actions mark validation
 * failed so dialogs stay open.
 */
final class ConsoleActions {
    private ConsoleActions() {}

    /** The action's result, or null after an error message. */
    static <T> T run(Supplier<T> action, String success, String failureCode) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            T result = action.get();
            if (success != null) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, success, null));
            }
            return result;
        } catch (PlatformException e) {
            fail(faces, e.errorCode().code(), e.getMessage());
        } catch (EJBAccessException e) {
            fail(faces, "E9103", "Your roles do not allow this.");
        } catch (EJBException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PlatformException p) {
                fail(faces, p.errorCode().code(), p.getMessage());
            } else if (cause instanceof ConstraintViolationException v) {
                fail(faces, failureCode, v.getConstraintViolations().iterator().next().getMessage());
            } else {
                fail(faces, failureCode, "The action failed; the server log has the details.");
            }
        }
        return null;
    }

    static void run(Runnable action, String success, String failureCode) {
        run(() -> {
            action.run();
            return Boolean.TRUE;
        }, success, failureCode);
    }

    private static void fail(FacesContext faces, String code, String message) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, code, message));
        faces.validationFailed();
    }
}
