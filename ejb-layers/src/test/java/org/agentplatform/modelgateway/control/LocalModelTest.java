package org.agentplatform.modelgateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalModelTest {
    private final LocalModel cut = new LocalModel();

    private static ChatCall call(String task, String text, List<String> labels, String template, Map<String, String> variables) {
        return new ChatCall(null, List.of(new ChatCall.Message("user", text)), 512, null, false, task, labels, template, variables, null,
                true, null, null, null, false);
    }

    @Test
    void embeddingsHave384DimensionsAndSimilarTextsAreCloser() {
        List<float[]> v = cut.embed(List.of("The cat sits on the mat.", "A kitten is sitting on a rug.", "Quarterly revenue grew by 8%."));
        assertEquals(LocalModel.DIMENSIONS, v.get(0).length);
        assertTrue(LocalModel.cosine(v.get(0), v.get(1)) > LocalModel.cosine(v.get(0), v.get(2)));
    }

    @Test
    void classifiesByTheNearestLabel() {
        ChatAnswer a = cut.answer(call("classify", "My invoice was charged twice, please refund the second payment.",
                List.of("billing", "weather", "sports"), null, null));
        assertEquals("billing", a.text());
    }

    @Test
    void fillsATemplateFromVariablesAndNameValueLines() {
        ChatAnswer a = cut.answer(call("fill", "city: Lyon\nunused: x", List.of(), "Travel to {{city}} on {{date}} for {{who}}.",
                Map.of("date", "2026-03-01")));
        assertEquals("Travel to Lyon on 2026-03-01 for {{who}}.", a.text());
    }

    @Test
    void summarizesExtractivelyAndDeterministically() {
        String text = "The platform runs agents on a cluster. Each agent has a goal. The weather was nice yesterday. "
                + "Agents plan their goals into tasks. Tasks call tools and models. A model gateway routes the calls.";
        ChatAnswer first = cut.answer(call(null, text, List.of(), null, null));
        ChatAnswer second = cut.answer(call("summarize", text, List.of(), null, null));
        assertEquals(first.text(), second.text());
        assertTrue(text.contains(first.text().split("\\. ")[0]), "sentences come from the text: " + first.text());
        assertTrue(first.text().length() < text.length());
        assertTrue(first.tokensIn() > 0 && first.tokensOut() > 0);
    }

    @Test
    void classifyWithoutLabelsIsTheCallersMistake() {
        assertThrows(IllegalArgumentException.class, () -> cut.answer(call("classify", "text", List.of(), null, null)));
    }
}
