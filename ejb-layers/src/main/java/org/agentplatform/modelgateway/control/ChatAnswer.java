package org.agentplatform.modelgateway.control;

/** What a provider answered, with the token counts it reported (or the gateway's estimate for local). */
public record ChatAnswer(String text, int tokensIn, int tokensOut, String finishReason) {}
