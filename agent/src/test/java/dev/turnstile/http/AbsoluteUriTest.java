package dev.turnstile.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class AbsoluteUriTest {

    /** The cheap scan must name the host the URI parse names, or a provider's call would go ungated. */
    @ParameterizedTest
    @ValueSource(strings = {
            "https://api.openai.com/v1/chat/completions",
            "http://127.0.0.1:8080/small",
            "http://localhost:11434",
            "https://API.Example.COM?x=1",
            "https://user:secret@llm.example.com:8443/v1#part",
            "http://[::1]:8080/v1/chat",
            "http://[2001:db8::1]/",
            "https://api.anthropic.com/v1/messages?beta=true",
            "http://llm.example.com:/v1/a%20b/c#frag",
            "https://llm.example.com/v1?next=/v2"})
    void findsTheHostPortAndPathTheUriParseFinds(String uri) throws Exception {
        URI parsed = new URI(uri);
        assertThat(AbsoluteUri.hostOf(uri)).isEqualTo(parsed.getHost());
        assertThat(AbsoluteUri.portOf(uri)).as("port").isEqualTo(parsed.getPort());
        assertThat(AbsoluteUri.pathOf(uri)).as("path").isEqualTo(parsed.getRawPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/chat", "http:///path", "http://[::1/x"})
    void findsNoHostWhereThereIsNone(String uri) {
        assertThat(AbsoluteUri.hostOf(uri)).isNull();
    }
}
