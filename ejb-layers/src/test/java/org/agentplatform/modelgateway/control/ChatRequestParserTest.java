package org.agentplatform.modelgateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestParserTest {
    private final ChatRequestParser cut = new ChatRequestParser(512, 32768);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsTheOpenAiFieldsAndOurs() throws Exception {
        ChatCall c = cut.parse(json.readTree("""
                {"model":"planner","messages":[{"role":"system","content":"be brief"},
                 {"role":"user","content":[{"type":"text","text":"hello"}]}],"max_tokens":20,"temperature":0.2,"stream":true,
                 "top_p":1,"task":"classify","labels":["a","b"],"classification":"confidential","cache":false,
                 "metadata":{"goalId":"g1","taskId":"t1"},"agentId":"ag"}"""));
        assertEquals("planner", c.model());
        assertEquals("hello", c.lastUserText());
        assertEquals(20, c.maxTokens());
        assertTrue(c.stream() && c.confidential() && !c.cache());
        assertEquals(List.of("a", "b"), c.labels());
        assertEquals(new ChatCall.Ids("ag", "g1", null, "t1"), c.ids());
    }

    @Test
    void defaultsAndUpperBoundOfInputTokens() throws Exception {
        ChatCall c = cut.parse(json.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"héllo\"}]}"));
        assertEquals(512, c.maxTokens());
        assertEquals(3 + 4 + 6, c.maxInputTokens(), "bytes, not characters: é is two bytes");
    }

    @Test
    void refusesWhatItCannotServe() {
        assertThrows(IllegalArgumentException.class, () -> cut.parse(json.readTree("{\"messages\":[]}")));
        assertThrows(IllegalArgumentException.class, () -> cut.parse(json.readTree("{\"messages\":[{\"role\":\"x\",\"content\":\"a\"}]}")));
        assertThrows(IllegalArgumentException.class,
                () -> cut.parse(json.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"max_tokens\":0}")));
        assertThrows(IllegalArgumentException.class,
                () -> cut.parse(json.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"classification\":\"secret\"}")));
    }
}
