-- TICK(epoch, inc, leaseMs): the heartbeat. Renews this JVM's lease, reclaims the entries of JVMs
-- whose lease has passed, drops holders past their deadline, and dispatches every provider.
-- Returns Redis now, live JVMs, reclaimed entries, then per provider: id, limit, in flight,
-- queued, pause-until (0: none).
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
dispatch_all()
local out = { 'OK', now, redis.call('ZCARD', P .. 'jvms'), reclaimed }
for _, id in ipairs(redis.call('SMEMBERS', P .. 'providers')) do
  local pause_until = tonumber(redis.call('GET', pkey(id, 'pause')) or '0')
  out[#out + 1] = id
  out[#out + 1] = limit_of(pkey(id, 'cfg'))
  out[#out + 1] = redis.call('ZCARD', pkey(id, 'holders'))
  out[#out + 1] = redis.call('ZCARD', pkey(id, 'waiters'))
  out[#out + 1] = pause_until
end
return out
