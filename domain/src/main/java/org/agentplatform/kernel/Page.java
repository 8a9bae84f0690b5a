package org.agentplatform.kernel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of a list and the cursor of the next page, null on the last one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** @throws PlatformException E9005 for a limit outside 1..100 */
    public static int checkLimit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new PlatformException(ErrorCode.BAD_QUERY, "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        return limit;
    }
}
