package dev.turnstile.demo.client;

/** The request body and the bits of the answer every stack reads the same way. */
final class ChatRequests {

    static final String PATH = "/v1/chat/completions";
    static final String MODEL = "gpt-4o-mini";

    private ChatRequests() {
    }

    static String body(String prompt, int maxTokens) {
        return "{\"model\":\"" + MODEL + "\",\"stream\":true,\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + escape(prompt) + "\"}]}";
    }

    static String url(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) + PATH : baseUrl + PATH;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
