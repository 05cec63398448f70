package dev.turnstile.demo.client;

import java.util.List;

/** The client stacks the demo can use, by the name the command line gives them. */
public final class ChatClients {

    public static final List<String> NAMES = List.of("jdk", "okhttp");

    private ChatClients() {
    }

    /** A new client of the named stack; one is shared by all agents on that stack, as in an application. */
    public static ChatClient create(String name, String baseUrl, String apiKey) {
        switch (name) {
            case "jdk":
                return new JdkChatClient(baseUrl, apiKey);
            case "okhttp":
                return new OkHttpChatClient(OkHttpChatClient.defaultHttp(), baseUrl, apiKey);
            default:
                throw new IllegalArgumentException("unknown client stack '" + name + "', expected one of " + NAMES);
        }
    }
}
