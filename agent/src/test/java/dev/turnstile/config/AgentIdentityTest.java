package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.config.AgentIdentity.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentIdentityTest {

    @Test
    void parsesThreadAndNoneInAnyCase() {
        assertThat(AgentIdentity.parse("thread").kind()).isEqualTo(Kind.THREAD);
        assertThat(AgentIdentity.parse(" THREAD ")).isEqualTo(AgentIdentity.thread());
        assertThat(AgentIdentity.parse("None")).isEqualTo(AgentIdentity.none());
        assertThat(AgentIdentity.none().headerName()).isEmpty();
    }

    @Test
    void parsesAHeaderKeepingTheNameAsWritten() {
        AgentIdentity identity = AgentIdentity.parse("Header: X-Agent-Id");

        assertThat(identity.kind()).isEqualTo(Kind.HEADER);
        assertThat(identity.headerName()).contains("X-Agent-Id");
        assertThat(identity).hasToString("header:X-Agent-Id").isEqualTo(AgentIdentity.header("X-Agent-Id"));
    }

    @Test
    void toStringIsReadBackToAnEqualIdentity() {
        for (AgentIdentity identity : new AgentIdentity[] {
            AgentIdentity.thread(), AgentIdentity.none(), AgentIdentity.header("X-Session")}) {
            assertThat(AgentIdentity.parse(identity.toString())).isEqualTo(identity);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "threads", "process", "header:", "header:X Agent", "header", "X-Agent-Id"})
    void rejectsGarbageNamingTheValueAndTheForms(String text) {
        assertThatThrownBy(() -> AgentIdentity.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage('"' + text + "\" is not a valid agent identity; expected thread, none or header:<Name>"
                        + " (e.g. header:X-Agent-Id)");
    }

    @Test
    void headerFactoryRejectsANameThatIsNotAToken() {
        assertThatThrownBy(() -> AgentIdentity.header("X:Agent")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"X:Agent\" is not a valid header name");
    }
}
