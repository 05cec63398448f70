package dev.turnstile.bench.fleet;

import dev.turnstile.bench.e2e.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parts 3 and 4: replicas as child JVMs with the packaged agent, sharing provider {@code fleet}
 * (the {@link ProviderStub}) with limit {@code limit} through the benchmark's redis-server.
 */
final class ReplicaFleet {

    static final long START_SECONDS = 90;

    private final Path agent;
    private final Path apps;
    private final Path work;
    private final RedisProcess redis;
    private final ProviderStub provider;
    private final Progress progress;

    ReplicaFleet(Path agent, Path apps, Path work, RedisProcess redis, ProviderStub provider, Progress progress) {
        this.agent = agent;
        this.apps = apps;
        this.work = work;
        this.redis = redis;
        this.provider = provider;
        this.progress = progress;
    }

    /** Starts {@code count} replicas ({@code priority.agent} = {@code agentKey}) and waits until all joined. */
    List<Member> start(int count, int limit, String agentKey, String label) throws IOException, InterruptedException {
        String options = "redis.url=" + redis.url() + ";providers.fleet.hosts=" + provider.hostPort()
                + ";providers.fleet.limit=" + limit + ";priority.agent=" + agentKey;
        redis.flushAll();
        List<Member> members = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                members.add(Member.start(i, agent, options, apps, provider.hostPort(), work.resolve("fleet-" + label + "-" + i + ".err")));
            }
            for (Member member : members) {
                member.await("READY", START_SECONDS);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(members);
            throw e;
        }
        progress.step(count + " replicas joined (" + label + ")");
        return members;
    }

    static void stop(List<Member> members) throws InterruptedException {
        for (Member member : members) {
            member.close();
        }
    }
}
