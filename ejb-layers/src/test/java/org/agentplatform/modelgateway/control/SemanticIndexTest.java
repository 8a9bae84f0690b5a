package org.agentplatform.modelgateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SemanticIndexTest {
    private final LocalModel model = new LocalModel();

    @Test
    void findsAParaphraseWithinItsScopeButNotAnotherQuestionOrAnotherScope() {
        AtomicLong now = new AtomicLong();
        SemanticIndex<String> cut = new SemanticIndex<>(0.85, 1000, 10, now::get);
        List<float[]> v = model.embed(List.of("What is the capital of France?", "What's the capital city of France?",
                "How do I bake sourdough bread?"));
        cut.put("planner", v.get(0), "Paris");
        assertEquals(Optional.of("Paris"), cut.find("planner", v.get(1)));
        assertTrue(cut.find("planner", v.get(2)).isEmpty());
        assertTrue(cut.find("other", v.get(1)).isEmpty());
        now.set(1000);
        assertTrue(cut.find("planner", v.get(1)).isEmpty(), "expired");
    }
}
