package org.agentplatform.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error code a Bean Validation failure answers with for the annotated resource or request type
 * (looked up on the validated root bean, then the leaf bean); without it, E9007.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface InvalidRequestCode {
    ErrorCode value();
}
