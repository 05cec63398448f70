-- TICK(epoch, inc, leaseMs): the heartbeat. Renews this JVM's lease, reclaims the entries of JVMs
-- whose lease has passed, takes an adaptively lowered limit one step up after a quiet period
-- (once for the fleet: the first TICK after it), drops holders past their deadline, and
-- dispatches every provider. Returns Redis now, live JVMs, reclaimed entries, the global limit,
-- then per provider: id, limit, limit in force, in flight, queued, pause-until (0: none).
local epoch, inc, lease = ARGV[1], ARGV[2], tonumber(ARGV[3])
if not epoch_ok(epoch) then return { 'EPOCH' } end
if not lease_ok(inc) then
  purge(inc)
  return { 'LEASE_LOST' }
end
redis.call('ZADD', P .. 'jvms', 'XX', now + lease, inc)
local reclaimed = 0
for _, dead in ipairs(redis.call('ZRANGEBYSCORE', P .. 'jvms', '-inf', '(' .. now)) do
  reclaimed = reclaimed + purge(dead)
end
for _, id in ipairs(redis.call('SMEMBERS', P .. 'providers')) do
  local cfg = pkey(id, 'cfg')
  local limit, eff = limit_of(cfg), effective_of(cfg)
  if eff < limit then
    local quiet_since = tonumber(redis.call('HGET', cfg, 'quietSince') or '0')
    if now - quiet_since >= tonumber(redis.call('HGET', cfg, 'recoveryMs') or '30000') then
      if eff + 1 >= limit then redis.call('HDEL', cfg, 'eff') else redis.call('HSET', cfg, 'eff', eff + 1) end
      redis.call('HSET', cfg, 'quietSince', now)
    end
  end
end
dispatch_all()
local out = { 'OK', now, redis.call('ZCARD', P .. 'jvms'), reclaimed, limit_of(G_CFG) }
for _, id in ipairs(redis.call('SMEMBERS', P .. 'providers')) do
  local pause_until = tonumber(redis.call('GET', pkey(id, 'pause')) or '0')
  out[#out + 1] = id
  out[#out + 1] = limit_of(pkey(id, 'cfg'))
  out[#out + 1] = effective_of(pkey(id, 'cfg'))
  out[#out + 1] = redis.call('ZCARD', pkey(id, 'holders'))
  out[#out + 1] = redis.call('ZCARD', pkey(id, 'waiters'))
  out[#out + 1] = pause_until
end
return out
