-- RELEASE(epoch, provider, member, cooldownMs): gives a permit's slots back, the provider's slot
-- after the cooldown, and hands freed slots to the oldest waiters. A permit Redis already took
-- back (lease lost, deadline passed) releases nothing: the late release is harmless.
local epoch, id, member, cooldown = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
if not epoch_ok(epoch) then return { 'EPOCH' } end
local holders = pkey(id, 'holders')
local released
if cooldown > 0 then
  released = redis.call('ZADD', holders, 'XX', 'CH', now + cooldown, member)
else
  released = redis.call('ZREM', holders, member)
end
redis.call('ZREM', G_HOLDERS, member)
if released == 0 then return { 'RELEASED', 0, 0 } end
return { 'RELEASED', 1, dispatch(id) }
