package dev.turnstile.console.json;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void writesMapsListsNumbersAndEscapedStrings() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", "a\"b\\c\n<script>");
        map.put("limit", 3);
        map.put("p50", 12.5);
        map.put("whole", 4.0);
        map.put("unknown", Double.NaN);
        map.put("list", List.of(true, false));
        map.put("none", null);
        assertThat(Json.write(map)).isEqualTo("{\"id\":\"a\\\"b\\\\c\\n\\u003cscript\\u003e\",\"limit\":3,\"p50\":12.5,"
                + "\"whole\":4,\"unknown\":null,\"list\":[true,false],\"none\":null}");
    }

    @Test
    void readsWhatItWrites() {
        Object parsed = Json.parse(" {\"a\": [1, -2, 2.5, \"x\\u0041\"], \"b\": {\"c\": null, \"d\": true}} ");
        assertThat(parsed).isEqualTo(Map.of("a", List.of(1L, -2L, 2.5, "xA"),
                "b", new LinkedHashMap<>(Map.of("d", true)) {{ put("c", null); }}));
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : List.of("", "{", "{a:1}", "[1,]", "\"open", "1 2", "tru", "{\"a\":1}}", "01x")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("bad JSON");
        }
    }

    @Test
    void refusesDeepNesting() {
        assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100)))
                .hasMessageContaining("nested too deep");
    }
}
