package dev.turnstile.demo.mock;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAI chat-completions wire format, as far as the mock needs it. */
final class ChatChunks {

    private static final Pattern MAX_TOKENS = Pattern.compile("\"max_tokens\"\\s*:\\s*(\\d{1,6})");
    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"\\\\]{1,100})\"");
    private static final String[] WORDS = {
        "The", " plan", " looks", " sound", ",", " but", " check", " the", " edge", " cases", " first", ".",
        " Next", " step", ":", " call", " the", " search", " tool", " and", " summarise", " what", " it", " finds", "."
    };

    static final String DONE = "data: [DONE]\n\n";

    private ChatChunks() {
    }

    /** The request's {@code max_tokens}, or {@code fallback}. */
    static int maxTokens(String requestBody, int fallback) {
        Matcher matcher = MAX_TOKENS.matcher(requestBody);
        return matcher.find() ? Math.max(1, Integer.parseInt(matcher.group(1))) : fallback;
    }

    static String model(String requestBody) {
        Matcher matcher = MODEL.matcher(requestBody);
        return matcher.find() ? matcher.group(1) : "mock-1";
    }

    /** One server-sent event carrying token number {@code index}. */
    static String tokenEvent(String id, String model, int index) {
        return "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + WORDS[index % WORDS.length]
                + "\"},\"finish_reason\":null}]}\n\n";
    }

    static String finishEvent(String id, String model) {
        return "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    }

    static String rateLimitError(int cap) {
        return "{\"error\":{\"message\":\"Rate limit reached: at most " + cap
                + " concurrent requests. Please retry after the time in Retry-After.\","
                + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
    }
}
