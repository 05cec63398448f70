package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderConfigTest {

    private final ProviderConfig openai = ProviderConfig.builder("openai").hosts("api.openai.com").build();

    @Test
    void builderDefaultsAreUnlimitedPostOnlyAllPathsTenMinuteHoldAndNoQueueTimeout() {
        assertThat(openai.id()).isEqualTo("openai");
        assertThat(openai.hosts()).containsExactly(HostPattern.parse("api.openai.com"));
        assertThat(openai.limit()).isZero();
        assertThat(openai.methods()).containsExactly("POST");
        assertThat(openai.paths()).isEmpty();
        assertThat(openai.maxHold()).isEqualTo(Duration.ofMinutes(10));
        assertThat(openai.queueTimeout()).isEqualTo(Duration.ZERO);
    }

    @Test
    void gatesTheConfiguredMethodsIgnoringCase() {
        assertThat(openai.gatesMethod("POST")).isTrue();
        assertThat(openai.gatesMethod("post")).isTrue();
        assertThat(openai.gatesMethod("GET")).isFalse();
        assertThat(openai.gatesMethod(null)).isFalse();

        ProviderConfig getAndPost = openai.withMethods(List.of("get", " Post "));
        assertThat(getAndPost.methods()).containsExactly("GET", "POST");
        assertThat(getAndPost.gatesMethod("Get")).isTrue();
        assertThat(getAndPost.gatesMethod("DELETE")).isFalse();
    }

    @Test
    void starGatesEveryMethod() {
        ProviderConfig all = openai.withMethods(List.of("GET", "*"));

        assertThat(all.methods()).containsExactly("*");
        assertThat(all.gatesMethod("PATCH")).isTrue();
        assertThat(all.gatesMethod("get")).isTrue();
    }

    @Test
    void gatesPathsByPrefixAndEveryPathWhenNoneAreGiven() {
        assertThat(openai.gatesPath("/anything")).isTrue();
        assertThat(openai.gatesPath(null)).isTrue();

        ProviderConfig chatOnly = openai.withPaths(List.of("/v1/chat", "/v1/responses"));
        assertThat(chatOnly.gatesPath("/v1/chat/completions")).isTrue();
        assertThat(chatOnly.gatesPath("/v1/responses")).isTrue();
        assertThat(chatOnly.gatesPath("/v1/models")).isFalse();
        assertThat(chatOnly.gatesPath("")).isFalse();
        assertThat(chatOnly.gatesPath(null)).isFalse();
        assertThat(openai.withPaths(List.of("/")).gatesPath("")).isTrue();
    }

    @Test
    void matchesAnyOfItsHosts() {
        ProviderConfig together = ProviderConfig.builder("together").hosts("api.together.xyz", "api.together.ai").build();

        assertThat(together.matchesHost("api.together.ai", 443)).isTrue();
        assertThat(together.matchesHost("API.TOGETHER.XYZ", 443)).isTrue();
        assertThat(together.matchesHost("together.ai", 443)).isFalse();
    }

    @Test
    void copiesChangeOneValueAndLeaveTheOriginalAlone() {
        ProviderConfig changed = openai.withLimit(4).withMaxHold(Duration.ofMinutes(2))
                .withQueueTimeout(Duration.ofSeconds(30)).withHosts(List.of(HostPattern.parse("proxy:8080")));

        assertThat(changed.limit()).isEqualTo(4);
        assertThat(changed.maxHold()).isEqualTo(Duration.ofMinutes(2));
        assertThat(changed.queueTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(changed.hosts()).containsExactly(HostPattern.parse("proxy:8080"));
        assertThat(openai.limit()).isZero();
        assertThat(openai.hosts()).containsExactly(HostPattern.parse("api.openai.com"));
        assertThat(changed.toBuilder().build()).isEqualTo(changed).hasSameHashCodeAs(changed);
    }

    @Test
    void rejectsANegativeLimit() {
        assertThatThrownBy(() -> openai.withLimit(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-1 is not a valid limit; expected a whole number ≥ 0 (0 = unlimited)");
    }

    @Test
    void rejectsAZeroOrNegativeMaxHoldAndANegativeQueueTimeout() {
        assertThatThrownBy(() -> openai.withMaxHold(Duration.ZERO))
                .hasMessage("0 is not a valid max hold; expected a duration > 0 such as 10m");
        assertThatThrownBy(() -> openai.withMaxHold(Duration.ofSeconds(-5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> openai.withQueueTimeout(Duration.ofSeconds(-5)))
                .hasMessageContaining("is not a valid queue timeout");
        assertThat(openai.withQueueTimeout(Duration.ZERO).queueTimeout()).isZero();
    }

    @Test
    void rejectsEmptyHostsMethodsAndBadEntries() {
        assertThatThrownBy(() -> openai.withHosts(List.of())).hasMessageContaining("is not a valid host list");
        assertThatThrownBy(() -> openai.withMethods(List.of())).hasMessageContaining("is not a valid method list");
        assertThatThrownBy(() -> openai.withMethods(List.of("PO$T")))
                .hasMessage("\"PO$T\" is not a valid HTTP method; expected an HTTP method such as POST or GET, or * for all");
        assertThatThrownBy(() -> openai.withPaths(List.of("v1/chat")))
                .hasMessage("\"v1/chat\" is not a valid path prefix; expected a path prefix starting with /"
                        + " (e.g. /v1/chat/completions)");
        assertThatThrownBy(() -> openai.withPaths(List.of("/v1 chat"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullValuesAreRejectedAsBadValuesNotAsNullPointers() {
        assertThatThrownBy(() -> openai.withMaxHold(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("null is not a valid max hold");
        assertThatThrownBy(() -> openai.withQueueTimeout(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> openai.withHosts(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> openai.withHosts(java.util.Arrays.asList((HostPattern) null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> openai.withMethods(java.util.Arrays.asList((String) null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProviderConfig.builder(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildingWithoutHostsFails() {
        assertThatThrownBy(() -> ProviderConfig.builder("mine").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provider mine has no hosts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"OpenAI", "-openai", "open_ai", "open.ai", "", " openai"})
    void rejectsIdsThatAreNotLowerCaseLettersDigitsAndHyphens(String id) {
        assertThat(ProviderConfig.isValidId(id)).isFalse();
        assertThatThrownBy(() -> ProviderConfig.builder(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith('"' + id + "\" is not a valid provider id; expected lower case letters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "azure-openai", "3p", "a"})
    void acceptsLowerCaseIds(String id) {
        assertThat(ProviderConfig.isValidId(id)).isTrue();
    }

    @Test
    void dropsDuplicateHostsAndPathsKeepingTheirOrder() {
        ProviderConfig provider = ProviderConfig.builder("x").hosts("b.example", "a.example", "B.example")
                .paths("/z", "/a", "/z").build();

        assertThat(provider.hosts()).extracting(HostPattern::toString).containsExactly("b.example", "a.example");
        assertThat(provider.paths()).containsExactly("/z", "/a");
    }

    @Test
    void itsCollectionsCannotBeChangedFromOutside() {
        assertThatThrownBy(() -> openai.hosts().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> openai.methods().add("GET")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> openai.paths().add("/x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringShowsTheValuesInTheirConfigurationForm() {
        assertThat(openai.withQueueTimeout(Duration.ofMillis(250)).toString())
                .isEqualTo("ProviderConfig{openai, hosts=[api.openai.com], limit=0, methods=[POST], paths=all,"
                        + " maxHold=10m, queueTimeout=250ms}");
    }
}
