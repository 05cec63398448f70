-- RATELIMITED(epoch, provider, loweredTo, recoveryMs): a JVM's call was answered with a rate limit
-- (its PAUSE came first). The fleet's quiet period starts again; if the JVM's limit algorithm
-- lowered the limit to loweredTo (0: it did not), the fleet's limit in force goes down to it, once
-- per pause episode: N JVMs answered 429 in one burst lower it once, not N times.
-- Returns the limit in force.
local epoch, id, lowered_to, recovery = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
if not epoch_ok(epoch) then return { 'EPOCH' } end
local cfg = pkey(id, 'cfg')
redis.call('HSET', cfg, 'quietSince', now, 'recoveryMs', recovery)
local eff = effective_of(cfg)
local episode = redis.call('HGET', cfg, 'pauses') or '0'
if lowered_to > 0 and lowered_to < eff and redis.call('HGET', cfg, 'loweredIn') ~= episode then
  eff = lowered_to
  redis.call('HSET', cfg, 'eff', eff, 'loweredIn', episode)
end
return { 'LIMITED', eff }
