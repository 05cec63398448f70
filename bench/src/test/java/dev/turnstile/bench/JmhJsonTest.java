package dev.turnstile.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JmhJsonTest {

    /** The layout JMH 1.37 writes with {@code -rf json -prof gc}, trimmed to the fields read. */
    private static final String JSON = "[\n"
            + "    {\n"
            + "        \"jmhVersion\" : \"1.37\",\n"
            + "        \"benchmark\" : \"dev.turnstile.bench.QueueDepthBenchmark.enqueueAndFail\",\n"
            + "        \"mode\" : \"avgt\",\n"
            + "        \"threads\" : 1,\n"
            + "        \"params\" : {\n"
            + "            \"waiters\" : \"1000\"\n"
            + "        },\n"
            + "        \"primaryMetric\" : {\n"
            + "            \"score\" : 140.0,\n"
            + "            \"scoreError\" : \"NaN\",\n"
            + "            \"scorePercentiles\" : {\n"
            + "                \"0.0\" : 131.5,\n"
            + "                \"50.0\" : 139.25,\n"
            + "                \"90.0\" : 150.0,\n"
            + "                \"100.0\" : 151.0\n"
            + "            },\n"
            + "            \"scoreUnit\" : \"ns/op\"\n"
            + "        },\n"
            + "        \"secondaryMetrics\" : {\n"
            + "            \"gc.alloc.rate\" : {\n"
            + "                \"score\" : 78.1\n"
            + "            },\n"
            + "            \"gc.alloc.rate.norm\" : {\n"
            + "                \"score\" : 160.0,\n"
            + "                \"scoreUnit\" : \"B/op\"\n"
            + "            }\n"
            + "        }\n"
            + "    },\n"
            + "    {\n"
            + "        \"jmhVersion\" : \"1.37\",\n"
            + "        \"benchmark\" : \"dev.turnstile.bench.ContendedBenchmark.fairSemaphore\",\n"
            + "        \"mode\" : \"thrpt\",\n"
            + "        \"threads\" : 16,\n"
            + "        \"primaryMetric\" : {\n"
            + "            \"score\" : 0.08,\n"
            + "            \"scorePercentiles\" : {\n"
            + "                \"0.0\" : 0.07,\n"
            + "                \"50.0\" : 0.08,\n"
            + "                \"100.0\" : \"NaN\"\n"
            + "            },\n"
            + "            \"scoreUnit\" : \"ops/us\"\n"
            + "        }\n"
            + "    }\n"
            + "]\n";

    @Test
    void readsTheMedianRangeUnitAndAllocationOfEachBenchmark() {
        List<JmhJson.Result> results = JmhJson.parse(JSON);

        assertThat(results).hasSize(2);
        JmhJson.Result queue = results.get(0);
        assertThat(queue.benchmark).isEqualTo("dev.turnstile.bench.QueueDepthBenchmark.enqueueAndFail");
        assertThat(queue.mode).isEqualTo("avgt");
        assertThat(queue.threads).isEqualTo(1);
        assertThat(queue.param).isEqualTo("1000");
        assertThat(queue.median).isEqualTo(139.25);
        assertThat(queue.min).isEqualTo(131.5);
        assertThat(queue.max).isEqualTo(151.0);
        assertThat(queue.unit).isEqualTo("ns/op");
        assertThat(queue.allocPerOp).isEqualTo(160.0);
    }

    @Test
    void aBenchmarkWithoutParametersOrProfilerHasNoParamAndNoAllocation() {
        JmhJson.Result contended = JmhJson.parse(JSON).get(1);

        assertThat(contended.threads).isEqualTo(16);
        assertThat(contended.param).isEmpty();
        assertThat(contended.max).isNaN();
        assertThat(contended.allocPerOp).isNaN();
    }
}
