package org.agentplatform.identity.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Refusals that come before any user lookup: {@code users} stays null, so a lookup would fail otherwise. */
class TokensTest {
    private final Tokens cut = new Tokens();

    private void assertRefused(TokenRequest request, String message) {
        PlatformException e = assertThrows(PlatformException.class, () -> cut.issue(request, "127.0.0.1"));

        assertEquals(ErrorCode.BAD_TOKEN_REQUEST, e.errorCode());
        assertEquals(message, e.getMessage());
    }

    @Test
    void missingRequestIsRefused() {
        assertRefused(null, "grant_type must be 'password' (with username and password) or 'refresh_token' (with refresh_token).");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"client_credentials", "Password", "PASSWORD", " password", "REFRESH_TOKEN"})
    void grantOtherThanPasswordOrRefreshIsRefused(String grantType) {
        assertRefused(new TokenRequest(grantType, "alice", "secret", null), "grant_type must be 'password' (with username and password) or 'refresh_token' (with refresh_token).");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void refreshGrantWithoutTokenIsRefused(String refreshToken) {
        assertRefused(new TokenRequest("refresh_token", null, null, refreshToken), "refresh_token is required.");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "\n"})
    void blankUsernameIsRefused(String username) {
        assertRefused(new TokenRequest("password", username, "secret", null), "username and password are required.");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "\n"})
    void blankPasswordIsRefused(String password) {
        assertRefused(new TokenRequest("password", "alice", password, null), "username and password are required.");
    }

    @Test
    void requestTextNeverShowsThePassword() {
        String text = new TokenRequest("password", "alice", "hunter2", "refresh-secret").toString();

        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("refresh-secret"), text);
        assertTrue(text.contains("alice"), text);
    }
}
