package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPatternTest {

    @ParameterizedTest
    @CsvSource({
        "api.openai.com, api.openai.com",
        "API.OpenAI.com, api.openai.com",
        "' api.openai.com ', api.openai.com",
        "api.openai.com., api.openai.com",
        "localhost:11434, localhost:11434",
        "*.openai.azure.com, *.openai.azure.com",
        "*.Example.COM:8443, *.example.com:8443",
        "10.0.0.7:8080, 10.0.0.7:8080",
        "llm_proxy, llm_proxy",
        "[::1], [::1]",
        "[::1]:8080, [::1]:8080",
        "[0:0:0:0:0:0:0:1]:8080, [::1]:8080",
        "[2001:DB8:0:0:1:0:0:1], [2001:db8::1:0:0:1]",
        "[::ffff:10.0.0.1], [::ffff:a00:1]",
        "[fe80::], [fe80::]",
    })
    void toStringGivesTheCanonicalText(String text, String canonical) {
        HostPattern pattern = HostPattern.parse(text);

        assertThat(pattern).hasToString(canonical);
        assertThat(HostPattern.parse(pattern.toString())).isEqualTo(pattern);
    }

    @Test
    void exposesItsParts() {
        HostPattern wildcard = HostPattern.parse("*.openai.azure.com:443");

        assertThat(wildcard.host()).isEqualTo("openai.azure.com");
        assertThat(wildcard.isWildcard()).isTrue();
        assertThat(wildcard.port()).isEqualTo(OptionalInt.of(443));
        assertThat(HostPattern.parse("api.openai.com").port()).isEmpty();
        assertThat(HostPattern.parse("[::1]").host()).isEqualTo("::1");
    }

    @Test
    void exactHostMatchesAnyCaseAndAnyPortButNoOtherHost() {
        HostPattern pattern = HostPattern.parse("api.openai.com");

        assertThat(pattern.matches("api.openai.com", 443)).isTrue();
        assertThat(pattern.matches("API.OPENAI.COM", 80)).isTrue();
        assertThat(pattern.matches("api.openai.com.", 443)).isTrue();
        assertThat(pattern.matches("api.openai.co", 443)).isFalse();
        assertThat(pattern.matches("xapi.openai.com", 443)).isFalse();
        assertThat(pattern.matches("eu.api.openai.com", 443)).isFalse();
        assertThat(pattern.matches("", 443)).isFalse();
        assertThat(pattern.matches(null, 443)).isFalse();
    }

    @Test
    void hostWithPortMatchesOnlyThatPort() {
        HostPattern pattern = HostPattern.parse("localhost:11434");

        assertThat(pattern.matches("localhost", 11434)).isTrue();
        assertThat(pattern.matches("LOCALHOST", 11434)).isTrue();
        assertThat(pattern.matches("localhost", 11435)).isFalse();
        assertThat(pattern.matches("localhost", -1)).isFalse();
    }

    @Test
    void wildcardMatchesStrictSubdomainsOnly() {
        HostPattern pattern = HostPattern.parse("*.openai.azure.com");

        assertThat(pattern.matches("myres.openai.azure.com", 443)).isTrue();
        assertThat(pattern.matches("a.b.openai.azure.com", 443)).isTrue();
        assertThat(pattern.matches("MyRes.OpenAI.Azure.com", 443)).isTrue();
        assertThat(pattern.matches("myres.openai.azure.com.", 443)).isTrue();
        assertThat(pattern.matches("openai.azure.com", 443)).isFalse();
        assertThat(pattern.matches(".openai.azure.com", 443)).isFalse();
        assertThat(pattern.matches("myresopenai.azure.com", 443)).isFalse();
        assertThat(pattern.matches("myres.openai.azure.com.evil.io", 443)).isFalse();
        assertThat(pattern.matches("azure.com", 443)).isFalse();
    }

    @Test
    void wildcardWithPortChecksThePort() {
        HostPattern pattern = HostPattern.parse("*.internal:8443");

        assertThat(pattern.matches("llm.internal", 8443)).isTrue();
        assertThat(pattern.matches("llm.internal", 443)).isFalse();
    }

    @Test
    void ipv6MatchesWithOrWithoutBracketsAndInAnySpelling() {
        HostPattern pattern = HostPattern.parse("[::1]:8080");

        assertThat(pattern.matches("[::1]", 8080)).isTrue();
        assertThat(pattern.matches("::1", 8080)).isTrue();
        assertThat(pattern.matches("[0:0:0:0:0:0:0:1]", 8080)).isTrue();
        assertThat(pattern.matches("[::1]", 8081)).isFalse();
        assertThat(pattern.matches("[::2]", 8080)).isFalse();
        assertThat(pattern.matches("localhost", 8080)).isFalse();
        assertThat(pattern.matches("[", 8080)).isFalse();
    }

    @Test
    void ipv6WithoutPortMatchesAnyPort() {
        HostPattern pattern = HostPattern.parse("[2001:db8::7]");

        assertThat(pattern.matches("[2001:DB8:0::7]", 443)).isTrue();
        assertThat(pattern.matches("2001:db8::8", 443)).isFalse();
    }

    @Test
    void aNameNeverMatchesAnIpv6HostAndViceVersa() {
        assertThat(HostPattern.parse("localhost").matches("[::1]", 80)).isFalse();
        assertThat(HostPattern.parse("[::1]").matches("localhost", 80)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                          | it is empty",
        "https://api.openai.com/v1   | not a URL or a path",
        "api.openai.com:0            | port \"0\"",
        "api.openai.com:65536        | port \"65536\"",
        "api.openai.com:http         | port \"http\"",
        "api.openai.com:             | port \"\"",
        "::1                         | needs brackets",
        "[::1                        | no closing ']'",
        "[::1]8080                   | only ':port' may follow ']'",
        "[not:an:address]            | is not an IPv6 address",
        "[1:2:3:4:5:6:7:8:9]         | is not an IPv6 address",
        "[1::2::3]                   | is not an IPv6 address",
        "[]                          | is not an IPv6 address",
        "*                           | '*' may only stand",
        "api.*.com                   | '*' may only stand",
        "*api.openai.com             | '*' may only stand",
        "*.                          | no host name",
        ":8080                       | no host name",
        "api..openai.com             | empty label",
        ".openai.com                 | empty label",
        "-api.openai.com             | starts or ends with '-'",
        "api openai.com              | character ' '",
        "api.openai.com;x            | character ';'",
    })
    void rejectsBadPatternsNamingTheValueTheReasonAndTheForms(String text, String reason) {
        assertThatThrownBy(() -> HostPattern.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith('"' + text + "\" is not a valid host pattern")
                .hasMessageContaining(reason)
                .hasMessageContaining("expected host, host:port, *.domain or [IPv6]:port");
    }

    @Test
    void rejectsNullAndOverlongNames() {
        assertThatThrownBy(() -> HostPattern.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostPattern.parse("a".repeat(64) + ".com")).hasMessageContaining("longer than 63");
        assertThatThrownBy(() -> HostPattern.parse(("a".repeat(60) + ".").repeat(5) + "com"))
                .hasMessageContaining("longer than 253");
    }

    @ParameterizedTest
    @ValueSource(strings = {"API.openai.com", "api.openai.com.", " api.openai.com"})
    void equalPatternsAreEqualHowEverTheyWereWritten(String text) {
        assertThat(HostPattern.parse(text)).isEqualTo(HostPattern.parse("api.openai.com"))
                .hasSameHashCodeAs(HostPattern.parse("api.openai.com"));
    }

    @Test
    void patternsDifferingInPortOrWildcardAreNotEqual() {
        assertThat(HostPattern.parse("example.com")).isNotEqualTo(HostPattern.parse("*.example.com"))
                .isNotEqualTo(HostPattern.parse("example.com:443"));
    }
}
