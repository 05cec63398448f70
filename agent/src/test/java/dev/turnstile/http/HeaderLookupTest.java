package dev.turnstile.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderLookupTest {

    @Test
    void ofMatchesNamesInAnyCase() {
        HeaderLookup lookup = HeaderLookup.of(Map.of("Retry-After", "3"));
        assertThat(lookup.get("retry-after")).isEqualTo("3");
        assertThat(lookup.get("RETRY-AFTER")).isEqualTo("3");
        assertThat(lookup.get("retry-after-ms")).isNull();
        assertThat(lookup.get(null)).isNull();
    }

    @Test
    void ofKeepsTheFirstOfNamesDifferingInCaseAndSkipsNulls() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("retry-after", "1");
        map.put("Retry-After", "2");
        map.put(null, "HTTP/1.1 429");
        map.put("x-empty", null);
        HeaderLookup lookup = HeaderLookup.of(map);
        assertThat(lookup.get("RETRY-AFTER")).isEqualTo("1");
        assertThat(lookup.get("x-empty")).isNull();
    }

    @Test
    void ofTakesASnapshot() {
        Map<String, String> map = new HashMap<>(Map.of("retry-after", "1"));
        HeaderLookup lookup = HeaderLookup.of(map);
        map.put("retry-after", "2");
        assertThat(lookup.get("retry-after")).isEqualTo("1");
    }

    @Test
    void ofListsTakesTheFirstValueAndToleratesTheStatusLineKey() {
        Map<String, List<String>> map = new HashMap<>();
        map.put(null, List.of("HTTP/1.1 429 Too Many Requests")); // as HttpURLConnection.getHeaderFields()
        map.put("Retry-After", Arrays.asList(null, "7", "8"));
        map.put("X-Empty", Collections.emptyList());
        HeaderLookup lookup = HeaderLookup.ofLists(map);
        assertThat(lookup.get("retry-after")).isEqualTo("7");
        assertThat(lookup.get("x-empty")).isNull();
        assertThat(RateLimitHeaders.read(lookup, 0).delayMillis()).isEqualTo(7_000);
    }
}
