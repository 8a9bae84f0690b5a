package org.agentplatform.identity.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issues access tokens (password and refresh_token grants, refresh rotation) and signs them out. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class Tokens {

    @Inject
    Users users;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    SigningKeys signingKeys;

    @Inject
    LoginGuard loginGuard;

    @Inject
    Revocations revocations;

    @Inject
    @ConfigProperty(name = "identity.access-token-seconds", defaultValue = "3600")
    long accessTokenSeconds;

    Clock clock = Clock.systemUTC();

    public TokenResponse issue(TokenRequest request, String clientAddress) {
        String grant = request == null ? null : request.grantType();
        if ("password".equals(grant)) {
            if (isBlank(request.username()) || isBlank(request.password())) {
                throw new PlatformException(ErrorCode.BAD_TOKEN_REQUEST, "username and password are required.");
            }
            loginGuard.check(request.username(), clientAddress);
            SignedInUser user = users.authenticate(request.username(), request.password()).orElse(null);
            if (user == null) {
                loginGuard.failed(request.username(), clientAddress, "api");
                throw new PlatformException(ErrorCode.BAD_CREDENTIALS);
            }
            loginGuard.succeeded(user.username());
            return answer(user, refreshTokens.start(user.username()));
        }
        if ("refresh_token".equals(grant)) {
            if (isBlank(request.refreshToken())) {
                throw new PlatformException(ErrorCode.BAD_TOKEN_REQUEST, "refresh_token is required.");
            }
            RefreshTokens.Rotation rotation = refreshTokens.rotate(request.refreshToken());
            SignedInUser user = users.find(rotation.username())
                    .orElseThrow(() -> new PlatformException(ErrorCode.INVALID_REFRESH_TOKEN));
            return answer(user, rotation.nextToken());
        }
        throw new PlatformException(ErrorCode.BAD_TOKEN_REQUEST,
                "grant_type must be 'password' (with username and password) or 'refresh_token' (with refresh_token).");
    }

    /** Signs out this access token (and the refresh token's family, when given). */
    public void signOut(String jti, Instant expiresAt, String refreshToken) {
        revocations.revoke(jti, expiresAt);
        if (!isBlank(refreshToken)) {
            refreshTokens.revokeFamilyOf(refreshToken);
        }
    }

    /** Refuses every access and refresh token the user holds. */
    public void signOutEverywhere(String username) {
        revocations.revokeAllOf(username);
        refreshTokens.revokeAllOf(username);
    }

    private TokenResponse answer(SignedInUser user, String refreshToken) {
        String token = signingKeys.signer().sign(user.username(), user.roles(), user.rateLimits(), clock.instant(), Duration.ofSeconds(accessTokenSeconds));
        return new TokenResponse(token, refreshToken, "Bearer", accessTokenSeconds);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
