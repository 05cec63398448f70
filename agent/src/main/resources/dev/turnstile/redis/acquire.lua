-- ACQUIRE(epoch, inc, provider, ticket, turnMs, maxHoldMs, seedLimit): the slot at once if nothing
-- older waits and there is room, else a place in the queue by (turn start, arrival).
local epoch, inc, id, ticket = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local turn, max_hold, seed = tonumber(ARGV[5]), ARGV[6], ARGV[7]
if not epoch_ok(epoch) then return { 'EPOCH' } end
if not lease_ok(inc) then return { 'LEASE_LOST' } end
redis.call('SADD', P .. 'providers', id)
redis.call('HSETNX', pkey(id, 'cfg'), 'limit', seed)
redis.call('HSETNX', pkey(id, 'cfg'), 'maxHoldMs', max_hold)
dispatch(id)
-- A turn start in the future (a caller's clock) must not jump the queue.
if turn > now then turn = now end
local member = string.format('%016d', redis.call('INCR', P .. 'seq')) .. '|' .. id .. '|' .. ticket
local waiters = pkey(id, 'waiters')
local older = redis.call('ZCOUNT', waiters, '-inf', turn)
if older == 0 and not paused(id) and has_room(id) and global_room() then
  hold(id, member)
  return { 'GRANTED', member, now }
end
redis.call('ZADD', waiters, 'NX', turn, member)
redis.call('ZADD', G_WAITERS, 'NX', turn, member)
local pause_left = redis.call('PTTL', pkey(id, 'pause'))
if pause_left < 0 then pause_left = 0 end
return { 'QUEUED', member, pause_left, redis.call('ZCARD', waiters) }
