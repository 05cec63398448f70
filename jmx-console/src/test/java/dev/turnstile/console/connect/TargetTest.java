package dev.turnstile.console.connect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetTest {

    @Test
    void aNumberIsAProcessId() {
        Target target = Target.parse("12345");
        assertThat(target.kind()).isEqualTo(Target.Kind.PID);
        assertThat(target.pid()).isEqualTo(12345);
    }

    @Test
    void hostAndPortBecomeTheRmiRegistryUrl() {
        assertThat(Target.parse("127.0.0.1:9010").serviceUrl()).isEqualTo("service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi");
        assertThat(Target.parse("app-1.example.com:9010").kind()).isEqualTo(Target.Kind.HOST_PORT);
        assertThat(Target.parse("[::1]:9010").serviceUrl()).isEqualTo("service:jmx:rmi:///jndi/rmi://[::1]:9010/jmxrmi");
    }

    @Test
    void aServiceUrlIsKeptAsItIs() {
        String url = "service:jmx:rmi://127.0.0.1:9011/jndi/rmi://127.0.0.1:9010/jmxrmi";
        assertThat(Target.parse(url).serviceUrl()).isEqualTo(url);
    }

    @Test
    void anythingElseIsRefusedInOneLine() {
        for (String bad : List.of("", "0", "-5", "host", "host:", "host:port", "127.0.0.1:0", "127.0.0.1:70000", "a b:1")) {
            assertThatThrownBy(() -> Target.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("bad target '" + bad + "'").hasMessageNotContaining("\n");
        }
    }
}
