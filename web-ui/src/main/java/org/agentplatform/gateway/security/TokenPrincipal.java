package org.agentplatform.gateway.security;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.agentplatform.identity.control.AccessTokenVerifier;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of an API request with a verified access token, as MicroProfile JWT's {@link JsonWebToken}
 * (so resources read {@code jti}, {@code exp} and the name the standard way). Times are seconds since the
 * epoch, {@code aud} and {@code groups} sets, as the MicroProfile JWT specification requires.
 */
final class TokenPrincipal implements JsonWebToken {
    private final AccessTokenVerifier.Verified token;

    TokenPrincipal(AccessTokenVerifier.Verified token) {
        this.token = token;
    }

    @Override
    public String getName() {
        return token.username();
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new HashSet<>(token.claims().getClaims().keySet());
        names.add(Claims.raw_token.name());
        return names;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        JWTClaimsSet claims = token.claims();
        Object value = switch (name) {
            case "raw_token" -> token.token();
            case "groups" -> token.groups();
            case "aud" -> claims.getAudience() == null ? null : Set.copyOf(claims.getAudience());
            case "exp", "iat", "nbf", "auth_time", "updated_at" -> seconds(claims.getClaim(name));
            default -> {
                Object v = claims.getClaim(name);
                yield v instanceof List<?> list ? List.copyOf(list) : v;
            }
        };
        return (T) value;
    }

    private static Long seconds(Object value) {
        return value instanceof Date d ? d.getTime() / 1000 : value instanceof Number n ? n.longValue() : null;
    }

    @Override
    public String toString() {
        return "TokenPrincipal[" + token.username() + "]";
    }
}
