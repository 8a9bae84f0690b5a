package org.agentplatform.gateway.rest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.util.Collections;
import java.util.Iterator;

/** A constraint violation with only a property path, a message and a root bean class, as {@link ErrorMappers#invalid} reads them. */
final class FakeViolation implements ConstraintViolation<Object> {
    private final String path;
    private final String message;
    private final Class<?> rootBeanClass;

    FakeViolation(String path, String message) {
        this(path, message, Object.class);
    }

    FakeViolation(String path, String message, Class<?> rootBeanClass) {
        this.path = path;
        this.message = message;
        this.rootBeanClass = rootBeanClass;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public String getMessageTemplate() {
        return message;
    }

    @Override
    public Object getRootBean() {
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<Object> getRootBeanClass() {
        return (Class<Object>) rootBeanClass;
    }

    @Override
    public Object getLeafBean() {
        return null;
    }

    @Override
    public Object[] getExecutableParameters() {
        return new Object[0];
    }

    @Override
    public Object getExecutableReturnValue() {
        return null;
    }

    @Override
    public Path getPropertyPath() {
        return new Path() {
            @Override
            public Iterator<Node> iterator() {
                return Collections.emptyIterator();
            }

            @Override
            public String toString() {
                return path;
            }
        };
    }

    @Override
    public Object getInvalidValue() {
        return null;
    }

    @Override
    public ConstraintDescriptor<?> getConstraintDescriptor() {
        return null;
    }

    @Override
    public <U> U unwrap(Class<U> type) {
        throw new UnsupportedOperationException();
    }
}
