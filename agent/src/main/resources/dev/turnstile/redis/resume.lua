-- RESUME(epoch, provider): an operator ends the provider's pause for the whole fleet; waiters of
-- any JVM are granted at once. Returns how many.
local epoch, id = ARGV[1], ARGV[2]
if not epoch_ok(epoch) then return { 'EPOCH' } end
redis.call('DEL', pkey(id, 'pause'))
return { 'RESUMED', dispatch(id) }
