package dev.turnstile.bench.fleet;

import dev.turnstile.bench.e2e.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Part 4 (and the heartbeat of part 2) on replicas as child JVMs: the Redis commands of idle
 * replicas; Redis stopped with SIGSTOP until every replica says {@code LOCAL} (the Fleet MBean's
 * notification, stamped by the replica's clock, which on one machine is this one), with one call
 * made at the stop; SIGCONT until every replica says {@code SHARED} again; then one replica holding
 * every slot killed with SIGKILL while another's call waits, until that call reaches the provider.
 */
final class Faults {

    /** What one run of the faults measured; times in ms. */
    static final class Result {
        GatedCallCost.Commands idle;
        int replicas;
        final List<Long> failOverMillis = new ArrayList<>();
        long admittedWhileStoppedMillis;
        final List<Long> rejoinMillis = new ArrayList<>();
        long reclaimMillis;
        final List<String> fleetViews = new ArrayList<>();

        double perReplicaSecond(long count) {
            return count / (replicas * idle.seconds);
        }
    }

    private final ReplicaFleet fleet;
    private final RedisProcess redis;
    private final ProviderStub provider;
    private final Progress progress;

    Faults(ReplicaFleet fleet, RedisProcess redis, ProviderStub provider, Progress progress) {
        this.fleet = fleet;
        this.redis = redis;
        this.provider = provider;
        this.progress = progress;
    }

    Result run(int replicas, int limit, int idleSeconds) throws IOException, InterruptedException {
        Result result = new Result();
        result.replicas = replicas;
        List<Member> members = fleet.start(replicas, limit, Fairness.OLDEST_FIRST, "faults");
        try {
            TimeUnit.SECONDS.sleep(2); // past the joins
            progress.step("heartbeat: " + replicas + " idle replicas for " + idleSeconds + " s");
            Map<String, Long> before = redis.commandCalls();
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(idleSeconds);
            Map<String, Long> idle = redis.commandsSince(before);
            result.idle = new GatedCallCost.Commands(idle, (System.nanoTime() - start) / 1e9, 0);

            progress.step("fail-over: SIGSTOP to redis-server");
            provider.clearInstantArrivals();
            long stopped = System.currentTimeMillis();
            redis.signal("STOP");
            members.get(0).send("call");
            for (Member member : members) {
                result.failOverMillis.add(stamp(member.await("STATE LOCAL", 30)) - stopped);
            }
            long admitted = provider.nextInstantArrival(30);
            result.admittedWhileStoppedMillis = admitted < 0 ? -1 : admitted - stopped;
            TimeUnit.SECONDS.sleep(1);

            progress.step("rejoin: SIGCONT to redis-server");
            long continued = System.currentTimeMillis();
            redis.signal("CONT");
            for (Member member : members) {
                result.rejoinMillis.add(stamp(member.await("STATE SHARED", 60)) - continued);
            }
            members.get(0).await("CALLED", 30);

            progress.step("crash: replica 0 holds all " + limit + " slots, replica 1 calls, SIGKILL to replica 0");
            provider.clearInstantArrivals();
            members.get(0).send("hold " + limit);
            awaitHeld(limit);
            members.get(1).send("call");
            if (provider.nextInstantArrival(1) >= 0) {
                throw new IllegalStateException("a call passed " + limit + " held slots of a limit of " + limit);
            }
            long killed = System.currentTimeMillis();
            members.get(0).kill();
            long arrived = provider.nextInstantArrival(60);
            result.reclaimMillis = arrived < 0 ? -1 : arrived - killed;
            members.get(1).await("CALLED", 30);
            for (Member member : members.subList(1, members.size())) {
                member.send("fleet");
                result.fleetViews.add("replica " + member.index + ": " + member.await("FLEET", 30).substring("FLEET ".length()));
            }
            progress.step("reclaimed after " + result.reclaimMillis + " ms");
        } finally {
            provider.releaseHeld();
            ReplicaFleet.stop(members);
        }
        return result;
    }

    /** The epoch ms at the end of a {@code STATE <to> <ms>} line. */
    private static long stamp(String line) {
        return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
    }

    private void awaitHeld(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (provider.held() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + provider.held() + " of " + count + " calls held at the provider");
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
